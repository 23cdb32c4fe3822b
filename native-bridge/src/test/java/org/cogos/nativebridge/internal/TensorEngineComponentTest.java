package org.cogos.nativebridge.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

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

    /**
     * A device this user may not open: a file of mode 0000 stands in for a 0660 device of another group. Root opens
     * it anyway, so the test needs another user (the build's unit tests under root skip it).
     */
    @Test
    public void autoFallsBackToUserspaceWhenTheDeviceRefusesThisUser() throws Exception {
        Path device = refusedDevice();
        try (NativeTensorEngine engine = TensorEngineComponent.open(
                new TensorOptions(Backend.AUTO, device.toString(), "/nonexistent/cogos_compute"))) {
            assertEquals(TensorEngine.BACKEND_USERSPACE, engine.backend());
        }
    }

    @Test
    public void explicitKernelSaysHowToGetAccessWhenTheDeviceRefusesThisUser() throws Exception {
        Path device = refusedDevice();
        TensorEngineException e = assertThrows(TensorEngineException.class, () -> TensorEngineComponent.open(
                new TensorOptions(Backend.KERNEL, device.toString(), "/nonexistent/cogos_compute")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot open " + device + ": Permission denied (EACCES"));
        assertTrue(e.getMessage(), e.getMessage().contains("usermod -aG cogos"));
    }

    private static Path refusedDevice() throws Exception {
        Path device = Files.createTempFile("cogos_tensor", "");
        device.toFile().deleteOnExit();
        Files.setPosixFilePermissions(device, Set.of());
        Assume.assumeFalse("this user opens a file of mode 0000 (root)", Files.isReadable(device));
        return device;
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
