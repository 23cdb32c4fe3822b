package org.cogos.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = AuditConfig.PID, name = "cogos audit trail",
        description = "Who changed what, with the outcome, on a hash-chained file (cog:audit; docs/security.md)")
@interface AuditConfig {

    String PID = "org.cogos.runtime.audit";

    // Constants so that the Options check the very numbers Metatype shows (cog:param reads them from the Metatype).
    String ROTATE_KB_MIN = "16";
    String ROTATE_KB_MAX = "1048576";
    String KEEP_FILES_MIN = "1";
    String KEEP_FILES_MAX = "1000";

    @AttributeDefinition(name = "Directory",
            description = "Where the trail is kept (audit.log, audit.log.1, ...); empty means ${karaf.data}/cogos/audit.")
    String directory() default "";

    @AttributeDefinition(name = "Rotate at (KiB)", min = ROTATE_KB_MIN, max = ROTATE_KB_MAX,
            description = "A new audit.log is started when the current one would grow past this.")
    int rotateKb() default 10240;

    @AttributeDefinition(name = "Files kept", min = KEEP_FILES_MIN, max = KEEP_FILES_MAX,
            description = "Rotated files kept besides audit.log; the oldest beyond this are deleted.")
    int keepFiles() default 10;
}
