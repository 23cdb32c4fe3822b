package org.cogos.ml.internal;

import java.util.function.Supplier;

/**
 * DJL finds its engines with ServiceLoader on the thread context class loader; in OSGi that is not this bundle's
 * loader, so every DJL call runs with it set to the loader holding the embedded DJL and ONNX Runtime.
 */
final class Tccl {

    private static final ClassLoader BUNDLE_LOADER = Tccl.class.getClassLoader();

    private Tccl() {
    }

    static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BUNDLE_LOADER);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
