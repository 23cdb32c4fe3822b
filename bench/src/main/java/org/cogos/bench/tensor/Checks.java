package org.cogos.bench.tensor;

import java.util.Locale;

/** A benchmark times only calls whose answers were checked first: a fast wrong answer is no figure. */
final class Checks {

    /** Relative tolerance of F32 results computed in another order (SIMD width, blocking, FMA). */
    static final double F32_TOLERANCE = 1e-3;

    private Checks() {
    }

    static void same(String what, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }

    static void same(String what, float expected, float actual) {
        same(what, new float[] {expected}, new float[] {actual});
    }

    /** Each element within {@link #F32_TOLERANCE} of the larger magnitude of the pair (or of 1 near zero). */
    static void same(String what, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalStateException(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.max(Math.abs(expected[i]), Math.abs(actual[i])));
            if (!(Math.abs(expected[i] - actual[i]) <= F32_TOLERANCE * scale)) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: element %d is %s, expected %s",
                        what, i, actual[i], expected[i]));
            }
        }
    }
}
