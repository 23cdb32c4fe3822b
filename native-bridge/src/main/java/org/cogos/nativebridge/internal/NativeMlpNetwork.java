package org.cogos.nativebridge.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.Tensor;

/**
 * Layers in engine memory, laid out once as the arrays {@link Bridge#mlp} takes. Concurrent classify calls share
 * them read-only; close waits for calls in flight (write lock) before the memory goes back.
 */
final class NativeMlpNetwork implements MlpNetwork {

    private final NativeTensorEngine engine;
    private final List<NativeTensor> tensors;
    final ByteBuffer[] weights;
    final long[] weightsPool;
    final ByteBuffer[] biases;
    final long[] biasesPool;
    final int[] inputs;
    final int[] outputs;
    final int[] activations;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** {@code tensors}: weights and bias of each layer, in layer order. */
    NativeMlpNetwork(NativeTensorEngine engine, List<NativeTensor> tensors, int[] inputs, int[] outputs,
            int[] activations) {
        this.engine = engine;
        this.tensors = List.copyOf(tensors);
        int n = inputs.length;
        this.weights = new ByteBuffer[n];
        this.weightsPool = new long[n];
        this.biases = new ByteBuffer[n];
        this.biasesPool = new long[n];
        for (int i = 0; i < n; i++) {
            NativeTensor w = tensors.get(2 * i);
            NativeTensor b = tensors.get(2 * i + 1);
            weights[i] = w.memory;
            weightsPool[i] = w.poolOffset;
            biases[i] = b.memory;
            biasesPool[i] = b.poolOffset;
        }
        this.inputs = inputs.clone();
        this.outputs = outputs.clone();
        this.activations = activations.clone();
    }

    @Override
    public int inputs() {
        return inputs[0];
    }

    @Override
    public int outputs() {
        return outputs[outputs.length - 1];
    }

    @Override
    public void classify(Priority priority, Tensor input, Tensor probabilities, Tensor classes) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("MLP network " + this + " is closed");
            }
            engine.classify(this, priority, input, probabilities, classes);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            NativeTensorEngine.closeAll(tensors);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputs[0]);
        for (int out : outputs) {
            s.append('-').append(out);
        }
        return s.toString();
    }
}
