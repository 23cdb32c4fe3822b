package org.cogos.nativebridge.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.cogos.nativebridge.internal.TensorOptions.Backend;
import org.junit.Test;

public class TensorOptionsTest {

    @Test
    public void backendsParse() {
        assertEquals(Backend.AUTO, Backend.parse("auto"));
        assertEquals(Backend.KERNEL, Backend.parse(" Kernel "));
        assertEquals(Backend.USERSPACE, Backend.parse("userspace"));
    }

    @Test
    public void unknownBackendsAreRefusedNamingThePid() {
        for (String bad : new String[] {"", "gpu", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.parse(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("org.cogos.tensor: backend must be"));
        }
    }

    @Test
    public void devicePathsMustBeAbsolute() {
        new TensorOptions(Backend.AUTO, "/dev/cogos_tensor", "/dev/cogos_compute");
        assertThrows(IllegalArgumentException.class, () -> new TensorOptions(Backend.AUTO, "cogos_tensor",
                "/dev/cogos_compute"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorOptions(Backend.KERNEL, "/dev/cogos_tensor", ""));
        assertTrue(e.getMessage(), e.getMessage().contains("computeDevice"));
    }
}
