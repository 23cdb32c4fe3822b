package org.cogos.flow;

import java.util.Map;

/**
 * What one equality-saturation run did.
 *
 * @param stopReason    why it stopped
 * @param iterations    completed search-apply-rebuild rounds
 * @param eNodes        e-nodes in the graph afterwards
 * @param eClasses      e-classes in the graph afterwards
 * @param elapsedNanos  wall-clock time of the run
 * @param unionsByRule  per rule name, how many of its applications merged two classes (rules that never did are
 *                      absent)
 */
public record SaturationReport(StopReason stopReason, int iterations, int eNodes, int eClasses, long elapsedNanos,
        Map<String, Integer> unionsByRule) {

    /** Copies the map. */
    public SaturationReport {
        unionsByRule = Map.copyOf(unionsByRule);
    }

    /** Elapsed time in milliseconds. */
    public double elapsedMillis() {
        return elapsedNanos / 1e6;
    }
}
