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

    /**
     * An RGB colour, each channel 0-255.
     *
     * @param red   red channel
     * @param green green channel
     * @param blue  blue channel
     */
    public record Color(int red, int green, int blue) {

        /** @throws IllegalArgumentException naming the colour when a channel is outside 0-255 */
        public Color {
            if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
                throw new IllegalArgumentException(
                        "colour channels must be 0-255: (" + red + ", " + green + ", " + blue + ")");
            }
        }
    }
}
