package org.cogos.reasoning.internal.kg;

/**
 * One observation about a fact: {@code (subject, relation, object)} was confirmed ({@code positive}) or
 * contradicted, with a weight in (0, 1] saying how much the observation should count (1: fully reliable).
 *
 * @param subject  source node
 * @param relation edge label
 * @param object   target node
 * @param positive true when the fact was observed or confirmed, false when it was contradicted
 * @param weight   how much this observation counts, in (0, 1]
 */
public record Evidence(String subject, String relation, String object, boolean positive, double weight) {

    /** Validates every component. */
    public Evidence {
        Terms.require("subject", subject);
        Terms.require("relation", relation);
        Terms.require("object", object);
        if (!(weight > 0.0 && weight <= 1.0)) {
            throw new IllegalArgumentException("evidence weight must be in (0, 1], was " + weight);
        }
    }

    /** @return evidence that the fact holds */
    public static Evidence confirmed(String subject, String relation, String object, double weight) {
        return new Evidence(subject, relation, object, true, weight);
    }

    /** @return evidence that the fact does not hold */
    public static Evidence contradicted(String subject, String relation, String object, double weight) {
        return new Evidence(subject, relation, object, false, weight);
    }

    EdgeKey key() {
        return new EdgeKey(subject, relation, object);
    }
}
