package org.cogos.bench.modules;

import java.util.ArrayList;
import java.util.List;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.util.stats.Latencies;

/** Measures a module (or a model) in this JVM: load, first call, warm-up, steady calls on one thread, reload. */
final class ModuleRun {

    /** One call on what was loaded. */
    interface Call<M, I, O> {
        O run(M loaded, I input) throws Exception;
    }

    private ModuleRun() {
    }

    /** A module's {@code process}, timed as the runtime times it for lsmod. */
    static ModuleFigures<Observation> module(String name, String input, ModuleLoader<CognitiveModule> loader,
            List<Percept> inputs, int warmup, int calls) throws Exception {
        return measure(name, input, loader, CognitiveModule::process, inputs, warmup, calls, () -> { });
    }

    /**
     * @param inputs       cycled through in order; the first call gets {@code inputs.get(0)}, the first measured
     *                     call {@code inputs.get((1 + warmup) % inputs.size())}
     * @param warmup       calls after the first and before the measured ones
     * @param calls        measured calls
     * @param steadyStarts run just before the measured calls, e.g. to reset the caller's own counters
     */
    static <M, I, O> ModuleFigures<O> measure(String name, String input, ModuleLoader<M> loader, Call<M, I, O> call,
            List<I> inputs, int warmup, int calls, Runnable steadyStarts) throws Exception {
        long start = System.nanoTime();
        M loaded = loader.load();
        double loadMs = (System.nanoTime() - start) / 1e6;
        List<O> firstPass = new ArrayList<>(inputs.size());
        try {
            long t = System.nanoTime();
            firstPass.add(call.run(loaded, inputs.get(0)));
            double firstMs = (System.nanoTime() - t) / 1e6;
            int n = 1;
            for (; n < 1 + warmup; n++) {
                O out = call.run(loaded, inputs.get(n % inputs.size()));
                if (n < inputs.size()) {
                    firstPass.add(out);
                }
            }
            steadyStarts.run();
            Latencies steady = new Latencies();
            long loopStart = System.nanoTime();
            for (int i = 0; i < calls; i++, n++) {
                I in = inputs.get(n % inputs.size());
                long c = System.nanoTime();
                O out = call.run(loaded, in);
                steady.record(System.nanoTime() - c);
                if (n < inputs.size()) {
                    firstPass.add(out);
                }
            }
            long steadyNs = System.nanoTime() - loopStart;
            long r = System.nanoTime();
            M old = loaded;
            loaded = null;
            loader.unload(old);
            loaded = loader.load();
            double reloadMs = (System.nanoTime() - r) / 1e6;
            return new ModuleFigures<>(name, input, loadMs, reloadMs, firstMs, steady, steadyNs, firstPass);
        } finally {
            if (loaded != null) {
                loader.unload(loaded);
            }
        }
    }

    /** A percept as ingest makes it, stamped now. */
    static Percept percept(String modality, long sequence, byte[] payload) {
        return new Percept("bench-robot", modality, sequence, System.nanoTime(), System.currentTimeMillis(), payload);
    }
}
