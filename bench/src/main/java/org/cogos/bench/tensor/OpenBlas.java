package org.cogos.bench.tensor;

import java.nio.ByteBuffer;

/**
 * OpenBLAS's {@code cblas_sgemm} through the bench's JNI shim (bench/src/main/c), the baseline the engine's matmul
 * is measured beside. The shim is found through {@value #SHIM_PROPERTY}; OpenBLAS itself through
 * {@value #SONAME_PROPERTY} (Debian's libopenblas0 by default).
 */
final class OpenBlas {

    static final String SHIM_PROPERTY = "cogos.bench.blas.shim";
    static final String SONAME_PROPERTY = "cogos.bench.blas.soname";

    /** How OpenBLAS was built, e.g. {@code OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64}. */
    static final String CONFIG;

    static {
        String shim = System.getProperty(SHIM_PROPERTY);
        if (shim == null) {
            throw new IllegalStateException(
                    "-D" + SHIM_PROPERTY + " must name libcogos_bench_blas.so (scripts/bench-tensor.sh sets it)");
        }
        System.load(shim);
        CONFIG = open(System.getProperty(SONAME_PROPERTY, "libopenblas.so.0"));
    }

    private OpenBlas() {
    }

    private static native String open(String soname);

    /** OpenBLAS's thread count for the calls that follow. */
    static native void setThreads(int threads);

    /** {@code c(m x n) = a(m x k) b(k x n)}, row-major F32 in native order. */
    static native void sgemm(ByteBuffer a, ByteBuffer b, ByteBuffer c, int m, int k, int n);
}
