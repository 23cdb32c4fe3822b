package org.cogos.nativebridge.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineException;
import org.cogos.nativebridge.internal.TensorOptions.Backend;
import org.junit.Assume;
import org.junit.Test;

/** The backend choice at activation, on this host (no cogos device unless the module is loaded). */
public class TensorEngineComponentTest {

    private static final String MISSING = "/nonexistent/cogos_tensor";

    @Test
    public void autoFallsBackToUserspaceWhenTheDeviceIsMissing() {
        try (NativeTensorEngine engine = TensorEngineComponent.open(
                new TensorOptions(Backend.AUTO, MISSING, "/nonexistent/cogos_compute"))) {
            assertEquals(TensorEngine.BACKEND_USERSPACE, engine.backend());
        }
    }

    @Test
    public void explicitKernelFailsWithoutTheDevice() {
        TensorEngineException e = assertThrows(TensorEngineException.class, () -> TensorEngineComponent.open(
                new TensorOptions(Backend.KERNEL, MISSING, "/nonexistent/cogos_compute")));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot open " + MISSING));
        assertTrue(e.getMessage(), e.getMessage().contains("ENOENT"));
    }

    @Test
    public void userspaceNeverTouchesTheDevice() {
        try (NativeTensorEngine engine = TensorEngineComponent.open(
                new TensorOptions(Backend.USERSPACE, "/dev/cogos_tensor", "/dev/cogos_compute"))) {
            assertEquals(TensorEngine.BACKEND_USERSPACE, engine.backend());
            assertEquals("-", engine.status().device());
        }
    }

    @Test
    public void autoTakesTheKernelWhenTheDevicesOpen() {
        Assume.assumeTrue(Files.exists(Path.of("/dev/cogos_tensor")));
        try (NativeTensorEngine engine = TensorEngineComponent.open(
                new TensorOptions(Backend.AUTO, "/dev/cogos_tensor", "/dev/cogos_compute"))) {
            assertEquals(TensorEngine.BACKEND_KERNEL, engine.backend());
        }
    }
}
