package org.cogos.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one equality-saturation run; whichever is hit first stops it.
 *
 * @param maxIterations search-apply-rebuild rounds, at least 1
 * @param maxNodes      e-nodes the graph may grow to (checked while applying), at least 1
 * @param timeBudget    wall-clock budget, positive
 */
public record SaturationLimits(int maxIterations, int maxNodes, Duration timeBudget) {

    /** Generous limits: flows of a few thousand operations saturate well within them. */
    public static final SaturationLimits DEFAULT = new SaturationLimits(100, 500_000, Duration.ofSeconds(10));

    /** Validates every bound. */
    public SaturationLimits {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be >= 1, got " + maxNodes);
        }
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
        }
    }
}
