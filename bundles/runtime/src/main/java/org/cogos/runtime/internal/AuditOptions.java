package org.cogos.runtime.internal;

import java.nio.file.Path;

import org.cogos.api.config.ParamCheck;

/** The audit trail's settings, checked against their Metatype bounds. */
record AuditOptions(Path directory, long rotateBytes, int keepFiles) {

    static AuditOptions from(AuditConfig config) {
        String dir = config.directory().trim();
        Path directory = dir.isEmpty() ? Path.of(System.getProperty("karaf.data", "data"), "cogos", "audit")
                : Path.of(dir);
        int rotateKb = ParamCheck.within(AuditConfig.PID, "rotateKb", config.rotateKb(), AuditConfig.ROTATE_KB_MIN,
                AuditConfig.ROTATE_KB_MAX);
        int keepFiles = ParamCheck.within(AuditConfig.PID, "keepFiles", config.keepFiles(),
                AuditConfig.KEEP_FILES_MIN, AuditConfig.KEEP_FILES_MAX);
        return new AuditOptions(directory, rotateKb * 1024L, keepFiles);
    }
}
