package org.cogos.reasoning.internal.plan;

import java.util.Objects;

/** The payloads of the standard {@link ValueType}s. All immutable. */
public final class PlanValues {

    private PlanValues() {
    }

    /**
     * Something to act on.
     *
     * @param label what it is, e.g. {@code person}
     * @param x     metres ahead of the robot
     * @param y     metres to the robot's left
     */
    public record Target(String label, double x, double y) {

        /** @throws IllegalArgumentException naming the coordinate when it is not finite */
        public Target {
            Objects.requireNonNull(label, "label");
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("target coordinates must be finite: (" + x + ", " + y + ")");
            }
        }
    }

    /**
     * A pixel on a display.
     *
     * @param x column, from 0
     * @param y row, from 0
     */
    public record Point(int x, int y) {

        /** @throws IllegalArgumentException naming the point when a coordinate is negative */
        public Point {
            if (x < 0 || y < 0) {
                throw new IllegalArgumentException("pixel coordinates must not be negative: (" + x + ", " + y + ")");
            }
        }
    }
}
