package org.cogos.nativebridge;

import static org.junit.Assert.assertEquals;

import java.util.Set;

import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.Assume;
import org.junit.Test;

/** The contract on the AVX2+FMA path of the user-space kernels, also on a CPU that has AVX-512. */
public class UserspaceAvx2TensorEngineTest extends TensorEngineContract {

    @Override
    protected NativeTensorEngine createEngine() {
        NativeTensorEngine engine = NativeTensorEngine.userspace("avx2");
        if (!engine.status().cpuFeatures().containsAll(Set.of("avx2", "fma"))) {
            engine.close();
            Assume.assumeTrue("this CPU has no AVX2+FMA", false);
        }
        return engine;
    }

    @Test
    public void runsTheAvx2Path() {
        assertEquals("avx2", engine.status().simd());
    }
}
