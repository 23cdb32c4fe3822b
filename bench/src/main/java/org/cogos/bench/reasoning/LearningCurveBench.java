package org.cogos.bench.reasoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.cogos.reasoning.internal.bayes.CredibleInterval;

/**
 * Prints the EvenNumberDetector learning curve for noise 0, 0.1 and 0.2: per example the chosen rule, whether it
 * was right against the true label, the rolling success over 10 examples and the top three candidates' posterior
 * means with 90 % credible intervals; then the first example whose rolling success reaches 95 %, and over 20 seeds
 * how often examples 41-50 were all right.
 *
 * <p>Arguments (optional): examples per curve (default 60), seed (default 42).
 */
public final class LearningCurveBench {

    private static final double[] NOISE_LEVELS = {0.0, 0.1, 0.2};
    private static final int SEEDS = 20;
    private static final double INTERVAL_MASS = 0.9;

    private LearningCurveBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) {
        int examples = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        if (examples < 50) {
            throw new IllegalArgumentException("need at least 50 examples to report examples 41-50, was " + examples);
        }
        for (double noise : NOISE_LEVELS) {
            printCurve(EvenNumberDetector.learn(EvenNumberDetector.candidates(), examples, noise, seed), noise, seed);
        }
        System.out.println();
        System.out.println("== success over examples 41-50, seeds 1.." + SEEDS + " ==");
        for (double noise : NOISE_LEVELS) {
            printSeedDistribution(noise);
        }
    }

    private static void printCurve(LearningCurve curve, double noise, long seed) {
        System.out.printf(Locale.ROOT, "%n== EvenNumberDetector, noise %.1f, seed %d ==%n", noise, seed);
        System.out.printf(Locale.ROOT, "%4s %4s %-16s %-5s %7s  %s%n", "ex", "n", "chosen rule", "right", "rolling",
                "top 3 candidates: posterior mean [90% interval]");
        for (LearningCurve.Point point : curve.points()) {
            System.out.printf(Locale.ROOT, "%4d %4d %-16s %-5s %7.2f  %s%n", point.example(), point.input(),
                    point.chosenRule(), point.correct() ? "yes" : "NO", point.rollingSuccess(),
                    topThree(point.beliefs()));
        }
        OptionalInt first = curve.firstExampleWithRollingSuccessAtLeast(0.95);
        System.out.printf(Locale.ROOT, "first example with rolling success >= 95%%: %s; success 41-50: %.2f%n",
                first.isPresent() ? String.valueOf(first.getAsInt()) : "none", curve.successRate(41, 50));
    }

    private static String topThree(List<CandidateBelief> beliefs) {
        List<CandidateBelief> sorted = new ArrayList<>(beliefs);
        sorted.sort(Comparator.comparingDouble(CandidateBelief::mean).reversed());
        StringBuilder text = new StringBuilder();
        for (CandidateBelief belief : sorted.subList(0, Math.min(3, sorted.size()))) {
            CredibleInterval interval = belief.reliability().credibleInterval(INTERVAL_MASS);
            text.append(String.format(Locale.ROOT, "%s %.3f [%.3f, %.3f]   ", belief.rule().name(), belief.mean(),
                    interval.lower(), interval.upper()));
        }
        return text.toString().stripTrailing();
    }

    private static void printSeedDistribution(double noise) {
        int[] histogram = new int[11];
        List<Integer> firstReaching = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            LearningCurve curve = EvenNumberDetector.learn(EvenNumberDetector.candidates(), 50, noise, seed);
            histogram[(int) Math.round(curve.successRate(41, 50) * 10)]++;
            firstReaching.add(curve.firstExampleWithRollingSuccessAtLeast(0.95).orElse(-1));
        }
        StringBuilder text = new StringBuilder();
        for (int right = 10; right >= 0; right--) {
            if (histogram[right] > 0) {
                text.append(String.format(Locale.ROOT, "%d/10 right: %d seeds; ", right, histogram[right]));
            }
        }
        System.out.printf(Locale.ROOT,
                "noise %.1f: %s>= 95%%: %d of %d seeds; first example with rolling >= 95%%: %s%n", noise, text,
                histogram[10], SEEDS, firstReaching);
    }
}
