package org.cogos.api.admin;

import java.util.List;

/**
 * Live state of a module (what {@code lsmod} shows).
 *
 * @param name              module name
 * @param bundleId          OSGi bundle id
 * @param state             live, loading, unloading, stopped or quarantined
 * @param modalities        modalities it serves (cognitive modules only)
 * @param usedBy            modules whose bundles use its services or packages
 * @param processed         percepts processed since it was loaded
 * @param errors            percepts it refused or failed on
 * @param superseded        percepts dropped unprocessed because newer ones of the same robot replaced them
 *                          (its {@code cogos.backlog}); 0 for a module that declares none
 * @param perceptsPerSecond rate over the last few seconds
 * @param p99Micros         99th percentile processing latency over recent calls, in microseconds, or -1
 * @param memoryBytes       heap attributable to the module where it reports it, else -1
 */
public record ModuleStatus(String name, long bundleId, ModuleState state, List<String> modalities, List<String> usedBy,
        long processed, long errors, long superseded, double perceptsPerSecond, long p99Micros, long memoryBytes) {

    public ModuleStatus {
        modalities = List.copyOf(modalities);
        usedBy = List.copyOf(usedBy);
    }
}
