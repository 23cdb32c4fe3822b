package org.cogos.api.reasoning;

/**
 * One weighted fact of the knowledge graph: {@code subject --relation--> object} with a strength in 0..1.
 *
 * @param updates            how often evidence changed it
 * @param lastUpdatedMillis  wall clock of the last change
 */
public record KnowledgeEdge(String subject, String relation, String object, double strength, long updates,
        long lastUpdatedMillis) {
}
