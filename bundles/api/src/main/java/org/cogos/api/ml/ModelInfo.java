package org.cogos.api.ml;

import java.util.List;

/**
 * A loaded model and its use so far. Latencies are in microseconds, -1 before the first call.
 *
 * @param sha256 the file's SHA-256 as computed at load, lower-case hex
 * @param loadedAtMillis wall-clock time of the load
 */
public record ModelInfo(String name, String path, String sha256, List<TensorSpec> inputs, List<TensorSpec> outputs,
        long loadedAtMillis, long calls, long errors, long meanLatencyMicros, long p99LatencyMicros) {

    public ModelInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
