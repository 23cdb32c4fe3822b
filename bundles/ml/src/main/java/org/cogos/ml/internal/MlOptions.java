package org.cogos.ml.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.ml.internal.MlConfig.*;

import java.nio.file.Path;

/**
 * The ml runtime's parameters, checked: Config Admin does not enforce Metatype ranges, so a hand-edited
 * {@code etc/org.cogos.ml.cfg} is checked here.
 */
record MlOptions(Path modelsDirectory, int interOpThreads, int intraOpThreads) {

    MlOptions {
        within(PID, "interOpThreads", interOpThreads, INTER_OP_THREADS_MIN, INTER_OP_THREADS_MAX);
        within(PID, "intraOpThreads", intraOpThreads, INTRA_OP_THREADS_MIN, INTRA_OP_THREADS_MAX);
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
}
