package org.cogos.flow;

import java.util.Map;

/**
 * A generated flow with the redundancy injected into it.
 *
 * @param flow                the flow, a tree (duplicated branches are separate copies)
 * @param operations          {@link FlowMetrics#operations} of {@code flow}
 * @param redundantOperations operations removable by construction: the irredundant base has
 *                            {@code operations - redundantOperations}
 * @param injections          how many injections of each kind were made
 */
public record GeneratedFlow(Flow flow, long operations, int redundantOperations,
        Map<FlowGenerator.Redundancy, Integer> injections) {

    /** Copies the map. */
    public GeneratedFlow {
        injections = Map.copyOf(injections);
    }

    /** Operations a perfect simplifier leaves. */
    public long essentialOperations() {
        return operations - redundantOperations;
    }
}
