package org.cogos.flow;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.Test;

/** The checker must reject rules that are false, including ones true over the reals but false in floats. */
public class WrongRuleTest {

    private final RuleChecker checker = new RuleChecker(99L, 300, FlowTolerance.DEFAULT);

    @Test
    public void rejectsReluNegateSwap() {
        assertRejected(Rule.of("relu-negate-swap", "(relu (negate ?x))", "(negate (relu ?x))"));
    }

    @Test
    public void rejectsNormalizeScaleWithoutThePositiveFactorGuard() {
        assertRejected(Rule.of("normalize-scale-any-sign", "(normalize (scale ?k ?x))", "(normalize ?x)"));
    }

    @Test
    public void rejectsSortNegateCommutation() {
        assertRejected(Rule.of("sort-negate", "(sort (negate ?x))", "(negate (sort ?x))"));
    }

    @Test
    public void rejectsReverseSmoothCommutation() {
        assertRejected(Rule.of("reverse-smooth", "(reverse (smooth ?w ?x))", "(smooth ?w (reverse ?x))"));
    }

    @Test
    public void rejectsOffsetMergingWhichFloatCancellationBreaks() {
        Rule offsetMerge = Rule.of("offset-merge", "(offset ?a (offset ?b ?x))", "(offset ?ab ?x)",
                matched -> Optional.of(Map.of("ab", matched.get("a") + matched.get("b"))));
        RuleCheck check = checker.check(offsetMerge);
        assertFalse("offset merging should fail on large cancelling offsets", check.sound());
        RuleCheck.Counterexample counterexample = check.counterexample().orElseThrow();
        float a = counterexample.lhs().constants().get(0);
        float b = counterexample.lhs().children().get(0).constants().get(0);
        // A rounding failure, not an algebraic one: the error is within a few ulps of the offsets involved.
        double offsetUlp = Math.ulp(Math.max(Math.abs(a), Math.abs(b)));
        for (int i = 0; i < counterexample.lhsOutput().length; i++) {
            double error = Math.abs(counterexample.lhsOutput()[i] - counterexample.rhsOutput()[i]);
            assertTrue(counterexample.toString(), error <= 2 * offsetUlp + Math.ulp(counterexample.lhsOutput()[i]));
        }
    }

    @Test
    public void acceptsTheCorrectlyGuardedVersion() {
        assertTrue(checker.check(Rule.of("normalize-scale", "(normalize (scale ?k ?x))", "(normalize ?x)",
                matched -> matched.get("k") > 0 ? Optional.of(matched) : Optional.empty())).sound());
    }

    private void assertRejected(Rule rule) {
        RuleCheck check = checker.check(rule);
        assertFalse(rule + " was not rejected", check.sound());
        RuleCheck.Counterexample counterexample = check.counterexample().orElseThrow();
        assertFalse(FlowTolerance.DEFAULT.close(counterexample.lhsOutput(), counterexample.rhsOutput()));
    }
}
