package org.cogos.reasoning.internal.kg;

import java.util.List;

/**
 * A node found by {@link KnowledgeGraph#traverse}: the strongest path to it from the start node, and that path's
 * strength (the product of its edges' strengths), so a decision can be explained edge by edge.
 *
 * @param node     the reached node
 * @param strength product of the strengths along {@code path}, in [0, 1]
 * @param path     the edges from the start node to {@code node}, in order, never empty
 */
public record Reachable(String node, double strength, List<Edge> path) {

    /** Validates and copies the path. */
    public Reachable {
        Terms.require("node", node);
        Terms.requireUnitInterval("path strength", strength);
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path to " + node + " must not be empty");
        }
    }

    /** @return how many edges the path has */
    public int depth() {
        return path.size();
    }
}
