package org.cogos.reasoning.internal.bayes;

/**
 * What is known about the success probability of something that succeeds or fails (a rule, a skill): the
 * Beta-Bernoulli posterior Beta(alpha, beta) with alpha = priorAlpha + successes and beta = priorBeta + failures.
 * Immutable: {@link #update} returns a new instance. The prior is kept apart from the counts so that
 * {@link #decayed forgetting} shrinks only the evidence and the posterior always stays a proper distribution.
 *
 * @param priorAlpha prior pseudo-successes, finite and &gt; 0
 * @param priorBeta  prior pseudo-failures, finite and &gt; 0
 * @param successes  observed successes (fractional after decay), finite and &ge; 0
 * @param failures   observed failures, finite and &ge; 0
 */
public record BetaReliability(double priorAlpha, double priorBeta, double successes, double failures) {

    /** Validates every component. */
    public BetaReliability {
        requirePositive("priorAlpha", priorAlpha);
        requirePositive("priorBeta", priorBeta);
        requireCount("successes", successes);
        requireCount("failures", failures);
    }

    /** @return Beta(1, 1), the uniform prior: every success probability equally likely before any outcome */
    public static BetaReliability uniformPrior() {
        return prior(1, 1);
    }

    /** @return the prior Beta(alpha, beta), no outcomes yet */
    public static BetaReliability prior(double alpha, double beta) {
        return new BetaReliability(alpha, beta, 0, 0);
    }

    /** @return the posterior after one more outcome */
    public BetaReliability update(boolean success) {
        return success ? new BetaReliability(priorAlpha, priorBeta, successes + 1, failures)
                : new BetaReliability(priorAlpha, priorBeta, successes, failures + 1);
    }

    /**
     * Forgetting for outcomes whose probability drifts: scales the observed counts by {@code factor}, so old
     * outcomes weigh less than new ones and the posterior can follow a rule that stopped (or started) working,
     * while with no new outcomes it relaxes toward the prior instead of staying confidently wrong.
     *
     * @param factor in (0, 1]; 1 keeps everything
     */
    public BetaReliability decayed(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("decay factor must be in (0, 1], was " + factor);
        }
        return new BetaReliability(priorAlpha, priorBeta, successes * factor, failures * factor);
    }

    /** @return the posterior alpha */
    public double alpha() {
        return priorAlpha + successes;
    }

    /** @return the posterior beta */
    public double beta() {
        return priorBeta + failures;
    }

    /** @return the posterior mean alpha / (alpha + beta): the expected success probability */
    public double mean() {
        return alpha() / (alpha() + beta());
    }

    /** @return the posterior variance */
    public double variance() {
        double sum = alpha() + beta();
        return alpha() * beta() / (sum * sum * (sum + 1));
    }

    /**
     * @param probability in [0, 1]
     * @return the success probability below which the posterior puts {@code probability} (within 1e-9)
     */
    public double quantile(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
        return IncompleteBeta.inverse(probability, alpha(), beta());
    }

    /** @return the posterior probability that the success probability is at most {@code x}, x in [0, 1] */
    public double cumulativeProbability(double x) {
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("x must be in [0, 1], was " + x);
        }
        return IncompleteBeta.regularized(x, alpha(), beta());
    }

    /**
     * @param mass in (0, 1), e.g. 0.9 for the 5 % .. 95 % quantiles
     * @return the equal-tailed credible interval holding {@code mass}
     */
    public CredibleInterval credibleInterval(double mass) {
        if (!(mass > 0 && mass < 1)) {
            throw new IllegalArgumentException("credible mass must be in (0, 1), was " + mass);
        }
        double tail = (1 - mass) / 2;
        return new CredibleInterval(quantile(tail), quantile(1 - tail), mass);
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, was " + value);
        }
    }

    private static void requireCount(String what, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, was " + value);
        }
    }
}
