package org.cogos.ml.internal;

import java.nio.file.Path;

/**
 * The ml runtime's parameters, checked: Config Admin does not enforce Metatype ranges, so a hand-edited
 * {@code etc/org.cogos.ml.cfg} is checked here.
 */
record MlOptions(Path modelsDirectory, int interOpThreads, int intraOpThreads) {

    static final int MAX_THREADS = 64;

    MlOptions {
        requireThreads("interOpThreads", interOpThreads);
        requireThreads("intraOpThreads", intraOpThreads);
    }

    /** @param dataDirectory where a relative models directory is resolved (Karaf's data directory) */
    static MlOptions from(MlConfig config, Path dataDirectory) {
        String dir = config.modelsDirectory() == null ? "" : config.modelsDirectory().trim();
        if (dir.isEmpty()) {
            throw new IllegalArgumentException(MlConfig.PID + ": modelsDirectory is empty");
        }
        return new MlOptions(dataDirectory.resolve(dir).normalize(), config.interOpThreads(),
                config.intraOpThreads());
    }

    private static void requireThreads(String key, int value) {
        if (value < 1 || value > MAX_THREADS) {
            throw new IllegalArgumentException(
                    MlConfig.PID + ": " + key + " must be 1.." + MAX_THREADS + ", got " + value);
        }
    }
}
