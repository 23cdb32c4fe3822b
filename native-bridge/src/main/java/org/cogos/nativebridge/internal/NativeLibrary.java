package org.cogos.nativebridge.internal;

/**
 * Loads {@code libcogos_bridge.so} once per class loader (a native library binds to the loader that loads it).
 * Inside OSGi the framework extracts the library named by {@code Bundle-NativeCode} and
 * {@link System#loadLibrary} finds it; outside OSGi (unit tests, benchmarks, the qemu guest) the absolute path
 * comes from the system property {@value #PATH_PROPERTY}.
 */
public final class NativeLibrary {

    public static final String PATH_PROPERTY = "cogos.native.lib";
    static final String NAME = "cogos_bridge";

    private static boolean loaded;

    private NativeLibrary() {
    }

    /** Inside OSGi: the library of this bundle's {@code Bundle-NativeCode}. */
    static synchronized void loadBundled() {
        if (loaded) {
            return;
        }
        try {
            System.loadLibrary(NAME);
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("lib" + NAME + ".so did not load from the bundle's"
                    + " Bundle-NativeCode (linux x86-64 only): " + e.getMessage());
            error.initCause(e);
            throw error;
        }
        loaded = true;
    }

    /** Outside OSGi, unless {@link #loadBundled} ran: the library at {@value #PATH_PROPERTY}. */
    static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || path.isBlank()) {
            throw new UnsatisfiedLinkError("lib" + NAME + ".so not loaded: outside OSGi set -D" + PATH_PROPERTY
                    + "=<absolute path of lib" + NAME + ".so> (built by native-bridge into target/native)");
        }
        try {
            System.load(path);
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("cannot load " + path + " (from -D"
                    + PATH_PROPERTY + "): " + e.getMessage());
            error.initCause(e);
            throw error;
        }
        loaded = true;
    }
}
