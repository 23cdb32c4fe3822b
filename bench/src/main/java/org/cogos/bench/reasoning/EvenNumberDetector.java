package org.cogos.bench.reasoning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cogos.reasoning.internal.bayes.BetaReliability;

/**
 * The paper's EvenNumberDetector demonstration: an {@link EvolvingPredicateLearner} learns which candidate rule
 * answers "is n even?" from outcomes that are wrong with probability {@code noise}. Inputs are uniform in
 * [1, {@link #MAX_INPUT}].
 */
final class EvenNumberDetector {

    /** Largest input drawn. */
    public static final int MAX_INPUT = 100;
    /** Gives the learner a seed of its own (64 bits of the golden ratio), so changing how it draws does not
     * change the examples. */
    private static final long LEARNER_SEED_MIX = 0x9E3779B97F4A7C15L;

    private EvenNumberDetector() {
    }

    /** @return the right rule ({@code n % 2 == 0}) among plausible wrong ones, the right one not first */
    public static List<NamedRule> candidates() {
        return List.of(
                new NamedRule("n % 3 == 0", n -> n % 3 == 0),
                new NamedRule("n > 50", n -> n > 50),
                new NamedRule("last digit is 0", n -> n % 10 == 0),
                new NamedRule("n % 4 == 0", n -> n % 4 == 0),
                new NamedRule("true", n -> true),
                new NamedRule("n % 2 == 0", n -> n % 2 == 0));
    }

    /**
     * Runs the demonstration.
     *
     * @param candidates the rules to learn among (need not include the right one)
     * @param examples   how many examples, at least 1
     * @param noise      probability that an outcome is flipped, in [0, 0.5)
     * @param seed       seeds the inputs, the noise and the learner
     * @return one point per example
     */
    public static LearningCurve learn(List<NamedRule> candidates, int examples, double noise, long seed) {
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be at least 1, was " + examples);
        }
        if (!(noise >= 0 && noise < 0.5)) {
            throw new IllegalArgumentException("noise must be in [0, 0.5), was " + noise);
        }
        SplittableRandom data = new SplittableRandom(seed);
        EvolvingPredicateLearner learner = new EvolvingPredicateLearner(candidates, BetaReliability.uniformPrior(),
                seed ^ LEARNER_SEED_MIX);
        boolean[] window = new boolean[LearningCurve.ROLLING_WINDOW];
        int correctInWindow = 0;
        List<LearningCurve.Point> points = new ArrayList<>(examples);
        for (int example = 1; example <= examples; example++) {
            int input = 1 + data.nextInt(MAX_INPUT);
            boolean even = input % 2 == 0;
            boolean observed = data.nextDouble() < noise ? !even : even;
            Prediction prediction = learner.predict(input);
            learner.observe(input, observed);
            boolean correct = prediction.value() == even;
            int slot = (example - 1) % window.length;
            if (example > window.length && window[slot]) {
                correctInWindow--;
            }
            window[slot] = correct;
            if (correct) {
                correctInWindow++;
            }
            double rolling = (double) correctInWindow / Math.min(example, window.length);
            points.add(new LearningCurve.Point(example, input, prediction.rule().name(), correct, rolling,
                    learner.beliefs()));
        }
        return new LearningCurve(points);
    }
}
