package org.cogos.nativebridge.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.Tensor;

/**
 * A tensor of a {@link NativeTensorEngine}: engine memory (kernel pool blocks mmapped, or native memory in user
 * space) or a caller's direct buffer. The native side gets {@link #memory} itself and takes the address and the
 * capacity from it, so it checks sizes against the real buffer on every call.
 */
final class NativeTensor implements Tensor {

    final NativeTensorEngine engine;
    private final DType dtype;
    private final int rows;
    private final int cols;
    /** The buffer handed to native code; a wrapped tensor starts at its index 0. */
    final ByteBuffer memory;
    /** Offset in the kernel pool, or -1: the native side then uses memory's address in place (pinned). */
    final long poolOffset;
    /** Engine memory to give back on close (false for a wrapped buffer, which stays the caller's). */
    final boolean owned;
    private final ByteBuffer view;
    /** Written under the engine's lock; volatile so that checks outside it see a close. */
    volatile boolean closed;

    NativeTensor(NativeTensorEngine engine, DType dtype, int rows, int cols, ByteBuffer memory, long poolOffset,
            boolean owned) {
        this.engine = engine;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.memory = memory;
        this.poolOffset = poolOffset;
        this.owned = owned;
        this.view = memory.duplicate().clear().limit(rows * cols * DType.BYTES).slice();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public ByteBuffer buffer() {
        checkOpen("tensor");
        return view.duplicate().order(ByteOrder.nativeOrder());
    }

    void checkOpen(String name) {
        if (closed) {
            throw new IllegalStateException(name + " (" + this + ") is closed");
        }
    }

    @Override
    public void close() {
        engine.release(this);
    }

    @Override
    public String toString() {
        return dtype + " " + rows + "x" + cols + (owned ? (poolOffset >= 0 ? " pool@" + poolOffset : " native")
                : " wrapped");
    }
}
