package org.cogos.flow;

/**
 * When two flow outputs count as equal. Float rewrites such as merging {@code (scale a (scale b x))} into
 * {@code (scale a*b x)} round differently in the last ulps, so equality is "within {@code relative} of the
 * larger output's magnitude": |a[i] - b[i]| <= relative * max(max|a|, max|b|) for every i. Non-finite elements
 * must match exactly. Immutable, thread-safe.
 *
 * @param relative allowed difference as a fraction of the larger infinity norm, in [0, 1)
 */
public record FlowTolerance(double relative) {

    /** The tolerance used throughout: 1e-5, about 80 float ulps, far below any signal-level difference. */
    public static final FlowTolerance DEFAULT = new FlowTolerance(1e-5);

    /** Requires {@code 0 <= relative < 1}. */
    public FlowTolerance {
        if (!(relative >= 0 && relative < 1)) {
            throw new IllegalArgumentException("relative tolerance must be in [0, 1), got " + relative);
        }
    }

    /** Whether the two outputs are equal within this tolerance; outputs of different lengths never are. */
    public boolean close(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        double magnitude = Math.max(finiteMaxAbs(a), finiteMaxAbs(b));
        double allowed = relative * magnitude;
        for (int i = 0; i < a.length; i++) {
            boolean finite = Float.isFinite(a[i]);
            if (finite != Float.isFinite(b[i])) {
                return false;
            }
            if (finite ? Math.abs((double) a[i] - b[i]) > allowed : Float.compare(a[i], b[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static double finiteMaxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}
