package org.cogos.bench.reasoning;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cogos.reasoning.internal.bayes.BetaReliability;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

public class EvolvingPredicateLearnerTest {

    private static final NamedRule POSITIVE = new NamedRule("n > 0", n -> n > 0);
    private static final NamedRule EVEN = new NamedRule("n % 2 == 0", n -> n % 2 == 0);
    private static final NamedRule NEVER = new NamedRule("false", n -> false);

    @Test
    public void observeScoresEveryCandidateAgainstTheOutcome() {
        EvolvingPredicateLearner learner =
                new EvolvingPredicateLearner(List.of(POSITIVE, EVEN, NEVER), BetaReliability.uniformPrior(), 1);
        learner.observe(3, true);
        learner.observe(4, true);
        List<CandidateBelief> beliefs = learner.beliefs();
        assertEquals(List.of(POSITIVE, EVEN, NEVER), beliefs.stream().map(CandidateBelief::rule).toList());
        assertCounts(beliefs.get(0), 2, 0);
        assertCounts(beliefs.get(1), 1, 1);
        assertCounts(beliefs.get(2), 0, 2);
        assertEquals(POSITIVE, learner.best().rule());
        assertEquals(2, learner.observations());
    }

    private static void assertCounts(CandidateBelief belief, double successes, double failures) {
        assertEquals(belief.rule().name() + " successes", successes, belief.reliability().successes(), 0);
        assertEquals(belief.rule().name() + " failures", failures, belief.reliability().failures(), 0);
    }

    @Test
    public void predictUsesTheCandidateWithTheHighestPosteriorMean() {
        EvolvingPredicateLearner learner =
                new EvolvingPredicateLearner(List.of(NEVER, POSITIVE, EVEN), BetaReliability.uniformPrior(), 1);
        learner.observe(5, true);
        Prediction prediction = learner.predict(-2);
        assertEquals(POSITIVE, prediction.rule());
        assertEquals(false, prediction.value());
        assertEquals(-2, prediction.input());
    }

    @Test
    public void tiesAreDrawnAtRandomButReproduciblyPerSeed() {
        List<NamedRule> candidates = List.of(POSITIVE, EVEN, NEVER);
        Set<String> chosen = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            chosen.add(choicesAtTheStart(candidates, seed).get(0));
            assertEquals(choicesAtTheStart(candidates, seed), choicesAtTheStart(candidates, seed));
        }
        assertEquals("every tied candidate gets chosen for some seed", 3, chosen.size());
    }

    private static List<String> choicesAtTheStart(List<NamedRule> candidates, long seed) {
        EvolvingPredicateLearner learner =
                new EvolvingPredicateLearner(candidates, BetaReliability.uniformPrior(), seed);
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            choices.add(learner.predict(i).rule().name());
        }
        return choices;
    }

    @Test
    public void badCandidatesAreRejected() {
        assertMessageContains("at least one", () -> new EvolvingPredicateLearner(List.of(),
                BetaReliability.uniformPrior(), 1));
        assertMessageContains("'n > 0'", () -> new EvolvingPredicateLearner(
                List.of(POSITIVE, new NamedRule("n > 0", n -> n > 1)), BetaReliability.uniformPrior(), 1));
        assertMessageContains("prior", () -> new EvolvingPredicateLearner(List.of(POSITIVE), null, 1));
        assertMessageContains("'  '", () -> new NamedRule("  ", n -> true));
        assertMessageContains("'odd'", () -> new NamedRule("odd", null));
    }

    /** The reasoning bundle's BetaReliabilityTest has the same check; its tests are not on this class path. */
    private static void assertMessageContains(String expected, ThrowingRunnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue("message '" + e.getMessage() + "' should contain " + expected, e.getMessage().contains(expected));
    }
}
