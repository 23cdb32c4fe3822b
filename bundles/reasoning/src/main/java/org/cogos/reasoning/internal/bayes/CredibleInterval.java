package org.cogos.reasoning.internal.bayes;

/**
 * An equal-tailed credible interval: the posterior puts {@code mass} between {@code lower} and {@code upper} and
 * half of the rest on either side.
 *
 * @param lower the (1 - mass) / 2 quantile
 * @param upper the (1 + mass) / 2 quantile
 * @param mass  the probability inside, in (0, 1)
 */
public record CredibleInterval(double lower, double upper, double mass) {

    /** Validates the bounds and the mass. */
    public CredibleInterval {
        if (!(lower >= 0 && lower <= upper && upper <= 1)) {
            throw new IllegalArgumentException("need 0 <= lower <= upper <= 1, was [" + lower + ", " + upper + "]");
        }
        if (!(mass > 0 && mass < 1)) {
            throw new IllegalArgumentException("mass must be in (0, 1), was " + mass);
        }
    }

    /** @return upper - lower */
    public double width() {
        return upper - lower;
    }

    /** @return whether {@code value} lies inside, bounds included */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
