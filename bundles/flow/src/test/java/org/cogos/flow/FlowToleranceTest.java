package org.cogos.flow;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FlowToleranceTest {

    private final FlowTolerance tolerance = FlowTolerance.DEFAULT;

    @Test
    public void acceptsLastUlpDifferencesRelativeToTheLargestElement() {
        assertTrue(tolerance.close(new float[] {100f, 0.001f}, new float[] {100.0005f, 0.0015f}));
        assertTrue(tolerance.close(new float[] {1f}, new float[] {Math.nextUp(1f)}));
    }

    @Test
    public void rejectsDifferencesAboveTheTolerance() {
        assertFalse(tolerance.close(new float[] {100f, 0f}, new float[] {100f, 0.002f}));
        assertFalse(tolerance.close(new float[] {1f}, new float[] {1.0001f}));
        assertFalse(tolerance.close(new float[] {0f}, new float[] {1e-30f}));
    }

    @Test
    public void requiresEqualLengthsAndMatchingNonFiniteValues() {
        assertTrue(tolerance.close(new float[0], new float[0]));
        assertFalse(tolerance.close(new float[] {1f}, new float[] {1f, 1f}));
        assertTrue(tolerance.close(new float[] {Float.POSITIVE_INFINITY, 1f},
                new float[] {Float.POSITIVE_INFINITY, 1f}));
        assertFalse(tolerance.close(new float[] {Float.POSITIVE_INFINITY}, new float[] {Float.MAX_VALUE}));
        assertFalse(tolerance.close(new float[] {Float.NaN}, new float[] {0f}));
    }

    @Test
    public void rejectsInvalidTolerances() {
        assertThrows(IllegalArgumentException.class, () -> new FlowTolerance(-1e-5));
        assertThrows(IllegalArgumentException.class, () -> new FlowTolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FlowTolerance(1));
    }
}
