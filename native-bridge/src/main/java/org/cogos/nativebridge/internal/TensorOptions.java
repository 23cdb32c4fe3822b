package org.cogos.nativebridge.internal;

import java.util.Locale;

/**
 * The tensor engine's parameters, checked: Config Admin does not enforce Metatype options, so a hand-edited
 * {@code etc/org.cogos.tensor.cfg} is checked here.
 */
record TensorOptions(Backend backend, String device, String computeDevice) {

    enum Backend {
        AUTO, KERNEL, USERSPACE;

        static Backend parse(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto" -> AUTO;
                case "kernel" -> KERNEL;
                case "userspace" -> USERSPACE;
                default -> throw new IllegalArgumentException(
                        TensorConfig.PID + ": backend must be auto, kernel or userspace, got '" + value + "'");
            };
        }
    }

    TensorOptions {
        requireAbsolute("device", device);
        requireAbsolute("computeDevice", computeDevice);
    }

    static TensorOptions from(TensorConfig config) {
        return new TensorOptions(Backend.parse(config.backend()), config.device(), config.computeDevice());
    }

    private static void requireAbsolute(String key, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException(
                    TensorConfig.PID + ": " + key + " must be an absolute device path, got '" + path + "'");
        }
    }
}
