package org.cogos.reasoning.internal.bayes;

/**
 * The regularized incomplete beta function I_x(a, b) (the Beta(a, b) distribution function) and its inverse,
 * computed numerically: log-gamma by the Lanczos approximation (g = 7, 9 terms, relative error below 1e-13), the
 * function by its continued fraction evaluated with the modified Lentz method (Numerical Recipes, 3rd ed., 6.4),
 * the inverse by bisection, which is slower than Newton's method but cannot diverge. Accurate to about 1e-10,
 * far inside the 1e-3 the reliability estimates need.
 */
final class IncompleteBeta {

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double LANCZOS_G = 7.0;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double TINY = 1e-300;
    private static final double EPSILON = 1e-15;
    /** The fraction needs O(sqrt(max(a, b))) terms; this covers a and b far beyond any count of outcomes. */
    private static final int MAX_TERMS = 100_000;
    /** Bisection halves [0, 1] this often: the interval is then narrower than a double can resolve near 0.5. */
    private static final int BISECTIONS = 60;

    private IncompleteBeta() {
    }

    /** @return ln Γ(x) for x &gt; 0 */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection: the series is accurate only for x >= 0.5.
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double shifted = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (shifted + i);
        }
        double t = shifted + LANCZOS_G + 0.5;
        return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** @return I_x(a, b), the probability that a Beta(a, b) variable is at most x */
    static double regularized(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        double front = Math.exp(logFront);
        // The fraction converges fast only below the mean; above it, use I_x(a, b) = 1 - I_(1-x)(b, a).
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** @return the x with I_x(a, b) = p, for p in [0, 1] */
    static double inverse(double p, double a, double b) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        double low = 0;
        double high = 1;
        for (int i = 0; i < BISECTIONS; i++) {
            double middle = 0.5 * (low + high);
            if (regularized(middle, a, b) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }

    private static double continuedFraction(double x, double a, double b) {
        double sum = a + b;
        double aPlusOne = a + 1;
        double aMinusOne = a - 1;
        double c = 1;
        double d = nonZero(1 - sum * x / aPlusOne);
        d = 1 / d;
        double result = d;
        for (int m = 1; m <= MAX_TERMS; m++) {
            int twoM = 2 * m;
            double even = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            result *= d * c;
            double odd = -(a + m) * (sum + m) * x / ((a + twoM) * (aPlusOne + twoM));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double delta = d * c;
            result *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return result;
            }
        }
        throw new ArithmeticException("incomplete beta fraction did not converge for x=" + x + ", a=" + a
                + ", b=" + b);
    }

    private static double nonZero(double value) {
        return Math.abs(value) < TINY ? TINY : value;
    }
}
