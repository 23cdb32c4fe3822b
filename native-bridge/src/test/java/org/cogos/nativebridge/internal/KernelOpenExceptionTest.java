package org.cogos.nativebridge.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The message the native side's open failures end up with. */
public class KernelOpenExceptionTest {

    private static final String DENIED = "cannot open /dev/cogos_tensor: Permission denied (EACCES, errno 13)";
    private static final int ENOENT = 2;

    @Test
    public void accessDeniedSaysWhatTheDeviceNeedsAndHowToGrantIt() {
        KernelOpenException e = new KernelOpenException(DENIED, Bridge.EACCES);
        String user = System.getProperty("user.name");
        String m = e.getMessage();

        assertTrue(e.accessDenied());
        assertTrue(m, m.startsWith(DENIED + ". "));
        assertTrue(m, m.contains("mode 0660"));
        assertTrue(m, m.contains("group cogos"));
        assertTrue(m, m.contains("groupadd --system cogos"));
        assertTrue(m, m.contains("kmod/udev/60-cogos.rules"));
        assertTrue(m, m.contains("usermod -aG cogos " + user + ","));
        assertTrue(m, m.contains("restart cogos"));
    }

    @Test
    public void otherErrnosKeepTheNativeMessage() {
        String missing = "cannot open /dev/cogos_tensor: No such file or directory (ENOENT, errno 2)";
        KernelOpenException e = new KernelOpenException(missing, ENOENT);

        assertFalse(e.accessDenied());
        assertEquals(missing, e.getMessage());
    }
}
