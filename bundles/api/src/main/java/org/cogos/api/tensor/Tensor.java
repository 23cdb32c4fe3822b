package org.cogos.api.tensor;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A row-major {@code rows x cols} matrix in native memory that a {@link TensorEngine} works on without copying:
 * memory of the engine's pool ({@link TensorEngine#allocate}) or the caller's own direct buffer
 * ({@link TensorEngine#wrap}). Not thread-safe; close it to give pool memory back.
 */
@ProviderType
public interface Tensor extends AutoCloseable {

    DType dtype();

    int rows();

    int cols();

    /** The elements, {@code rows * cols * 4} bytes in native order; position 0. Invalid after {@link #close()}. */
    ByteBuffer buffer();

    default FloatBuffer floats() {
        return buffer().asFloatBuffer();
    }

    default IntBuffer ints() {
        return buffer().asIntBuffer();
    }

    /** Returns pool memory; idempotent. Using the tensor afterwards throws {@link IllegalStateException}. */
    @Override
    void close();
}
