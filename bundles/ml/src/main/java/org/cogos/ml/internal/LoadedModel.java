package org.cogos.ml.internal;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.cogos.api.ml.BadInputException;
import org.cogos.api.ml.InferenceException;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelNotFoundException;
import org.cogos.api.ml.NamedTensor;
import org.cogos.api.ml.TensorSpec;
import org.cogos.util.stats.Latencies;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * One ONNX model with its ORT session (owned by the DJL model). Calls share the session (ORT sessions are
 * thread-safe) under a read lock; {@link #close()} takes the write lock, so it waits for running calls and no call
 * starts on a closed session. Tensors cross as plain arrays: every NDArray lives in a per-call manager closed at the
 * end of the call, and no arithmetic is done on NDArrays (some ORT NDArray ops overflow).
 */
final class LoadedModel implements AutoCloseable {

    static final int LATENCY_WINDOW = 1024;

    private final String name;
    private final String path;
    private final String sha256;
    private final Model model;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final long loadedAtMillis = System.currentTimeMillis();
    /** Successful calls; {@link ModelInfo}'s p99 is over the last {@value #LATENCY_WINDOW} of them. */
    private final Latencies latencies = new Latencies(LATENCY_WINDOW);
    private final LongAdder errors = new LongAdder();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    LoadedModel(String name, String path, String sha256, Model model, List<TensorSpec> inputs,
            List<TensorSpec> outputs) {
        this.name = name;
        this.path = path;
        this.sha256 = sha256;
        this.model = model;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    ModelInfo info() {
        return new ModelInfo(name, path, sha256, inputs, outputs, loadedAtMillis, latencies.count(), errors.sum(),
                micros(latencies.meanNanos()), micros(latencies.percentileNanos(0.99)));
    }

    /** Nanoseconds in whole microseconds; -1 (no call yet) stays -1. */
    private static long micros(long nanos) {
        return nanos < 0 ? -1 : nanos / 1_000;
    }

    List<NamedTensor> run(List<NamedTensor> given) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new ModelNotFoundException(name);
            }
            List<NamedTensor> ordered = match(given);
            long start = System.nanoTime();
            List<NamedTensor> result;
            try {
                result = Tccl.call(() -> forward(ordered));
            } catch (InferenceException e) {
                errors.increment();
                throw e;
            } catch (RuntimeException e) {
                errors.increment();
                throw new InferenceException("model '" + name + "' failed: " + e.getMessage(), e);
            }
            latencies.record(System.nanoTime() - start);
            return result;
        } catch (BadInputException e) {
            errors.increment();
            throw e;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The given tensors in the model's input order, each checked against the model's declared shape. */
    private List<NamedTensor> match(List<NamedTensor> given) {
        if (given == null || given.isEmpty()) {
            throw new BadInputException("model '" + name + "' needs inputs " + inputs);
        }
        Map<String, NamedTensor> byName = new HashMap<>();
        for (NamedTensor t : given) {
            if (byName.put(t.name(), t) != null) {
                throw new BadInputException("model '" + name + "': input '" + t.name() + "' given twice");
            }
        }
        List<NamedTensor> ordered = new ArrayList<>(inputs.size());
        for (TensorSpec spec : inputs) {
            NamedTensor t = byName.remove(spec.name());
            if (t == null && inputs.size() == 1 && given.size() == 1) {
                t = given.get(0);
                byName.clear();
            }
            if (t == null) {
                throw new BadInputException("model '" + name + "': input '" + spec.name() + "' is missing; it needs "
                        + inputs);
            }
            if (!spec.accepts(t.shape())) {
                throw new BadInputException("model '" + name + "': input '" + spec.name() + "' has shape "
                        + Arrays.toString(t.shape()) + ", the model takes " + spec);
            }
            ordered.add(t);
        }
        if (!byName.isEmpty()) {
            throw new BadInputException("model '" + name + "' has no input " + byName.keySet() + "; it needs "
                    + inputs);
        }
        return ordered;
    }

    private List<NamedTensor> forward(List<NamedTensor> ordered) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList(ordered.size());
            for (int i = 0; i < ordered.size(); i++) {
                NamedTensor t = ordered.get(i);
                NDArray array = manager.create(FloatBuffer.wrap(t.data()), new Shape(t.shape()), DataType.FLOAT32);
                array.setName(inputs.get(i).name());
                in.add(array);
            }
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), in, false);
            List<NamedTensor> result = new ArrayList<>(out.size());
            for (int i = 0; i < out.size(); i++) {
                NDArray array = out.get(i);
                if (array.getDataType() != DataType.FLOAT32) {
                    throw new InferenceException("model '" + name + "': output " + i + " is "
                            + array.getDataType() + ", only float32 outputs are supported");
                }
                String outName = i < outputs.size() ? outputs.get(i).name() : array.getName();
                result.add(new NamedTensor(outName, array.getShape().getShape(), array.toFloatArray()));
            }
            return result;
        }
    }

    /** Waits for running calls, then releases the ORT session and native memory. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                Tccl.run(model::close);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
