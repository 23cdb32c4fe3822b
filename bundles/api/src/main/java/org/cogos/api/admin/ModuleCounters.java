package org.cogos.api.admin;

import java.util.List;
import java.util.Map;

/**
 * What one module has done since cogos started, for monitoring (docs/metrics.md): counts that only grow, as a
 * Prometheus counter must, and that outlive the module's swaps and reloads, like {@code lsmod}'s.
 *
 * @param name                 module name
 * @param processed            percepts processed
 * @param superseded           percepts dropped unprocessed for newer ones of the same robot
 * @param errorsByCode         percepts refused or failed on, by error code ({@code malformed}, {@code out_of_range},
 *                             {@code module_fault}, ...)
 * @param latencyBoundsNanos   upper bounds of the processing-time buckets, ascending
 * @param latencyCounts        processed percepts per bucket, not cumulative; one more than the bounds, the last
 *                             for what took longer than the last bound
 * @param latencySumNanos      total processing time of the processed percepts
 */
public record ModuleCounters(String name, long processed, long superseded, Map<String, Long> errorsByCode,
        List<Long> latencyBoundsNanos, List<Long> latencyCounts, long latencySumNanos) {

    public ModuleCounters {
        errorsByCode = Map.copyOf(errorsByCode);
        latencyBoundsNanos = List.copyOf(latencyBoundsNanos);
        latencyCounts = List.copyOf(latencyCounts);
        if (latencyCounts.size() != latencyBoundsNanos.size() + 1) {
            throw new IllegalArgumentException("latencyCounts must have one more entry than latencyBoundsNanos, got "
                    + latencyCounts.size() + " and " + latencyBoundsNanos.size());
        }
    }
}
