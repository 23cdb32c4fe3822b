package org.cogos.bench.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.cogos.api.tensor.Tensor;

/** Benchmark data: the same values as {@code float[]}, direct buffers and tensors. */
final class Floats {

    private Floats() {
    }

    /** Uniform in [-1, 1): sums and products stay well inside F32 range and precision. */
    static float[] random(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    static ByteBuffer direct(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(values);
        return buffer;
    }

    static float[] of(ByteBuffer buffer) {
        float[] values = new float[buffer.capacity() / 4];
        buffer.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(values);
        return values;
    }

    static float[] of(Tensor tensor) {
        return of(tensor.buffer());
    }
}
