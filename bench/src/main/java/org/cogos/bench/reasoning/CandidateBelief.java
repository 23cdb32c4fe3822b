package org.cogos.bench.reasoning;

import org.cogos.reasoning.internal.bayes.BetaReliability;

/**
 * A candidate rule and the posterior over how often it is right.
 *
 * @param rule        the candidate
 * @param reliability the posterior over its success probability
 */
record CandidateBelief(NamedRule rule, BetaReliability reliability) {

    /** Validates both components. */
    public CandidateBelief {
        if (rule == null || reliability == null) {
            throw new IllegalArgumentException("candidate belief needs a rule and a reliability, was " + rule + ", "
                    + reliability);
        }
    }

    /** @return the posterior mean success probability */
    public double mean() {
        return reliability.mean();
    }
}
