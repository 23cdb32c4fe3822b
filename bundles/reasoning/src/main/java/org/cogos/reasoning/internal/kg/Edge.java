package org.cogos.reasoning.internal.kg;

/**
 * One fact or association of the knowledge graph: {@code subject --relation--> object} held with a strength in
 * [0, 1] (0: not believed, 1: certain). Immutable; the graph replaces the edge on every update.
 *
 * @param subject           the source node, see {@link #MAX_TERM_LENGTH} for the rules on terms
 * @param relation          the edge label
 * @param object            the target node
 * @param strength          belief in the fact, in [0, 1]
 * @param lastUpdatedMillis wall-clock time of the last change, epoch millis, not negative
 * @param updates           how many pieces of evidence shaped the strength, not negative
 */
public record Edge(String subject, String relation, String object, double strength, long lastUpdatedMillis,
        long updates) {

    /** Longest subject, relation or object accepted; terms must also be non-blank and free of control chars. */
    public static final int MAX_TERM_LENGTH = Terms.MAX_LENGTH;

    /** Validates every component. */
    public Edge {
        Terms.require("subject", subject);
        Terms.require("relation", relation);
        Terms.require("object", object);
        Terms.requireUnitInterval("strength of " + subject + " " + relation + " " + object, strength);
        if (lastUpdatedMillis < 0) {
            throw new IllegalArgumentException("lastUpdatedMillis must not be negative, was " + lastUpdatedMillis);
        }
        if (updates < 0) {
            throw new IllegalArgumentException("updates must not be negative, was " + updates);
        }
    }

    /** @return this edge with another strength, stamped at {@code nowMillis}, one more update counted */
    Edge evolvedTo(double newStrength, long nowMillis) {
        return new Edge(subject, relation, object, newStrength, nowMillis, updates + 1);
    }

    EdgeKey key() {
        return new EdgeKey(subject, relation, object);
    }
}
