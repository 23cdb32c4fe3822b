package org.cogos.bench.modules;

import java.util.List;

import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.NamedTensor;
import org.cogos.util.stats.Latencies;

/**
 * The real inference service, seen from the module's side: it keeps the last input a module gave it (so the
 * module's own preprocessing feeds the model-only measurement) and times every call (so a module's time can be
 * split into its model's and the rest).
 */
final class ObservedInference implements InferenceService {

    private final InferenceService delegate;
    private volatile List<NamedTensor> lastInputs;
    private Latencies calls = new Latencies();

    ObservedInference(InferenceService delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<NamedTensor> run(String model, List<NamedTensor> inputs) {
        lastInputs = inputs;
        long start = System.nanoTime();
        List<NamedTensor> outputs = delegate.run(model, inputs);
        long took = System.nanoTime() - start;
        synchronized (this) {
            calls.record(took);
        }
        return outputs;
    }

    List<NamedTensor> lastInputs() {
        if (lastInputs == null) {
            throw new IllegalStateException("the module has not run a model yet");
        }
        return lastInputs;
    }

    /** The model calls since the last {@link #reset()}. */
    synchronized Latencies calls() {
        return calls;
    }

    synchronized void reset() {
        calls = new Latencies();
    }
}
