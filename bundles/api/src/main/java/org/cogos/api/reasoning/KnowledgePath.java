package org.cogos.api.reasoning;

import java.util.List;

/**
 * A node reached in the knowledge graph and the strongest way there.
 *
 * @param node     the node reached
 * @param strength the product of the edge strengths along the path
 * @param path     the nodes and relations from the start, e.g. {@code [r1, sees, person, can, help]}
 */
public record KnowledgePath(String node, double strength, List<String> path) {

    public KnowledgePath {
        path = List.copyOf(path);
    }
}
