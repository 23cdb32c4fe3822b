package org.cogos.nativebridge;

import static org.junit.Assert.assertEquals;

import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.Test;

/** The contract on the scalar fallback of the user-space kernels, whatever the CPU offers. */
public class UserspaceScalarTensorEngineTest extends TensorEngineContract {

    @Override
    protected NativeTensorEngine createEngine() {
        return NativeTensorEngine.userspace("scalar");
    }

    @Test
    public void runsTheScalarPath() {
        assertEquals("scalar", engine.status().simd());
    }
}
