package org.cogos.nativebridge.internal;

import org.cogos.api.tensor.TensorEngineException;

/**
 * The kernel backend did not open: a device is missing or refused, or speaks another ABI version. The native side
 * throws it with its message and the errno, so that an {@code EACCES} says what to do: the modules are loaded but
 * this process may not use their devices, which only the operator can fix.
 */
final class KernelOpenException extends TensorEngineException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    /** Called by the native side: message names the device and the errno. */
    KernelOpenException(String message, int errno) {
        super(errno == Bridge.EACCES ? message + accessAdvice(System.getProperty("user.name")) : message);
        this.errno = errno;
    }

    /** The device exists but its mode or group keeps this process out. */
    boolean accessDenied() {
        return errno == Bridge.EACCES;
    }

    /** What an operator does so that user may open the devices (kmod/README.md, "Device access"). */
    static String accessAdvice(String user) {
        return ". The cogos devices are mode 0660 and this user (" + user + ") must be in their group cogos: as root,"
                + " groupadd --system cogos, install kmod/udev/60-cogos.rules into /etc/udev/rules.d/, udevadm control"
                + " --reload, udevadm trigger --action=add --subsystem-match=misc, usermod -aG cogos " + user
                + ", then restart cogos (kmod/README.md, \"Device access\")";
    }
}
