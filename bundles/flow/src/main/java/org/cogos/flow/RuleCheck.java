package org.cogos.flow;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of testing one rule on random instances.
 *
 * @param rule             the rule's name
 * @param instancesChecked instances (random variable bindings the guard accepted) evaluated
 * @param evaluations      input vectors on which both sides were compared, over all instances
 * @param counterexample   the first instance where the sides differed beyond tolerance, if any
 */
record RuleCheck(String rule, int instancesChecked, int evaluations,
        Optional<Counterexample> counterexample) {

    /** Requires non-null fields. */
    public RuleCheck {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(counterexample, "counterexample");
    }

    /** Whether no counterexample was found. */
    public boolean sound() {
        return counterexample.isEmpty();
    }

    /**
     * An instance where a rule's two sides disagree.
     *
     * @param lhs       the instantiated left-hand side
     * @param rhs       the instantiated right-hand side
     * @param input     the input vector
     * @param lhsOutput what {@code lhs} gave
     * @param rhsOutput what {@code rhs} gave
     */
    public record Counterexample(Flow lhs, Flow rhs, float[] input, float[] lhsOutput, float[] rhsOutput) {

        /** Defensive copies of the arrays. */
        public Counterexample {
            input = input.clone();
            lhsOutput = lhsOutput.clone();
            rhsOutput = rhsOutput.clone();
        }

        @Override
        public String toString() {
            return lhs + " gave " + Arrays.toString(lhsOutput) + " but " + rhs + " gave "
                    + Arrays.toString(rhsOutput) + " on input " + Arrays.toString(input);
        }
    }
}
