package org.cogos.bench.reasoning;

/**
 * What {@link EvolvingPredicateLearner#predict} decided for one input.
 *
 * @param input the input
 * @param rule  the candidate chosen to decide it
 * @param value what that candidate says
 */
record Prediction(int input, NamedRule rule, boolean value) {

    /** Validates the rule. */
    public Prediction {
        if (rule == null) {
            throw new IllegalArgumentException("prediction for " + input + " needs a rule");
        }
    }
}
