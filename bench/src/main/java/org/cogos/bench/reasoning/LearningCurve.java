package org.cogos.bench.reasoning;

import java.util.List;
import java.util.OptionalInt;

/**
 * A learning run, one {@link Point} per example, for tests, benchmarks and explanations.
 *
 * @param points the examples in order; example numbers count from 1
 */
record LearningCurve(List<Point> points) {

    /**
     * One example of the run.
     *
     * @param example        the example number, from 1
     * @param input          the input
     * @param chosenRule     the candidate that decided it
     * @param correct        whether the decision matched the TRUE answer (not the noisy outcome the learner saw)
     * @param rollingSuccess the share of correct decisions over the last {@link #ROLLING_WINDOW} examples (fewer
     *                       at the start)
     * @param beliefs        every candidate's posterior after learning from this example, in candidate order
     */
    public record Point(int example, int input, String chosenRule, boolean correct, double rollingSuccess,
            List<CandidateBelief> beliefs) {

        /** Copies the beliefs. */
        public Point {
            beliefs = List.copyOf(beliefs);
        }
    }

    /** Window of {@link Point#rollingSuccess()}. */
    public static final int ROLLING_WINDOW = 10;

    /** Copies the points. */
    public LearningCurve {
        points = List.copyOf(points);
    }

    /**
     * @param fromExample first example, from 1
     * @param toExample   last example, inclusive
     * @return the share of correct decisions in that range
     */
    public double successRate(int fromExample, int toExample) {
        if (fromExample < 1 || toExample < fromExample || toExample > points.size()) {
            throw new IllegalArgumentException("example range [" + fromExample + ", " + toExample
                    + "] is not within [1, " + points.size() + "]");
        }
        int correct = 0;
        for (int i = fromExample - 1; i < toExample; i++) {
            if (points.get(i).correct()) {
                correct++;
            }
        }
        return (double) correct / (toExample - fromExample + 1);
    }

    /**
     * @param threshold a share in [0, 1]
     * @return the first example whose full window reaches {@code threshold}, empty if none does
     */
    public OptionalInt firstExampleWithRollingSuccessAtLeast(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        for (Point point : points) {
            if (point.example() >= ROLLING_WINDOW && point.rollingSuccess() >= threshold) {
                return OptionalInt.of(point.example());
            }
        }
        return OptionalInt.empty();
    }
}
