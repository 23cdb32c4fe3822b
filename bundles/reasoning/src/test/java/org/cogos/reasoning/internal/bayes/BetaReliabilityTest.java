package org.cogos.reasoning.internal.bayes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class BetaReliabilityTest {

    /** The brief asks for 1e-3; the numerics are far better, so hold them to that. */
    private static final double QUANTILE_TOLERANCE = 1e-8;

    @Test
    public void uniformPriorHasMeanOneHalfAndNoOutcomes() {
        BetaReliability prior = BetaReliability.uniformPrior();
        assertEquals(1.0, prior.alpha(), 0);
        assertEquals(1.0, prior.beta(), 0);
        assertEquals(0.5, prior.mean(), 0);
        assertEquals(1.0 / 12, prior.variance(), 1e-15);
        assertEquals(0.0, prior.successes(), 0);
        assertEquals(0.0, prior.failures(), 0);
    }

    @Test
    public void updateReturnsANewPosteriorAndCountsOutcomes() {
        BetaReliability prior = BetaReliability.uniformPrior();
        BetaReliability posterior = prior.update(true).update(true).update(false);
        assertNotSame(prior, posterior);
        assertEquals(0.5, prior.mean(), 0);
        assertEquals(2.0, posterior.successes(), 0);
        assertEquals(1.0, posterior.failures(), 0);
        assertEquals(3.0, posterior.alpha(), 0);
        assertEquals(2.0, posterior.beta(), 0);
        assertEquals(0.6, posterior.mean(), 1e-15);
    }

    @Test
    public void meanAndVarianceOfBeta2And5() {
        BetaReliability beta = BetaReliability.prior(2, 5);
        assertEquals(2.0 / 7, beta.mean(), 1e-15);
        assertEquals(10.0 / (49 * 8), beta.variance(), 1e-15);
    }

    @Test
    public void quantilesMatchReferenceValues() {
        // Reference values from scipy.stats.beta.ppf / cdf.
        assertQuantiles(2, 5, 0.06284989170835438, 0.26444998329566005, 0.5818034092520259);
        assertQuantiles(10, 3, 0.5618945648846887, 0.7833135892134544, 0.9281297444577301);
        assertQuantiles(0.5, 0.5, 0.0061558297024311365, 0.5, 0.9938441702975689);
        assertQuantiles(46, 6, 0.8048489590881646, 0.8895478373597782, 0.9475054982889025);
        assertQuantiles(300, 40, 0.8524252660816621, 0.8831027857554005, 0.909721568642004);
        assertEquals(0.5798250000000003, BetaReliability.prior(2, 5).cumulativeProbability(0.3), 1e-12);
        assertEquals(0.36901011956554536, BetaReliability.prior(0.5, 0.5).cumulativeProbability(0.3), 1e-12);
    }

    private static void assertQuantiles(double alpha, double beta, double q05, double q50, double q95) {
        BetaReliability posterior = BetaReliability.prior(alpha, beta);
        assertEquals("5% of Beta(" + alpha + "," + beta + ")", q05, posterior.quantile(0.05), QUANTILE_TOLERANCE);
        assertEquals("median of Beta(" + alpha + "," + beta + ")", q50, posterior.quantile(0.5), QUANTILE_TOLERANCE);
        assertEquals("95% of Beta(" + alpha + "," + beta + ")", q95, posterior.quantile(0.95), QUANTILE_TOLERANCE);
    }

    @Test
    public void quantilesMatchClosedForms() {
        for (double p = 0.05; p < 1; p += 0.1) {
            // Beta(1, 1) is uniform; Beta(a, 1) has cdf x^a; Beta(1, b) has cdf 1 - (1 - x)^b.
            assertEquals(p, BetaReliability.uniformPrior().quantile(p), QUANTILE_TOLERANCE);
            assertEquals(Math.pow(p, 1 / 3.5), BetaReliability.prior(3.5, 1).quantile(p), QUANTILE_TOLERANCE);
            assertEquals(1 - Math.pow(1 - p, 1 / 7.0), BetaReliability.prior(1, 7).quantile(p), QUANTILE_TOLERANCE);
            double x = BetaReliability.prior(4, 9).quantile(p);
            assertEquals(p, BetaReliability.prior(4, 9).cumulativeProbability(x), 1e-9);
        }
    }

    @Test
    public void credibleIntervalOfBeta2And5IsTheFiveAndNinetyFivePercentQuantiles() {
        CredibleInterval interval = BetaReliability.prior(2, 5).credibleInterval(0.9);
        assertEquals(0.06284989170835438, interval.lower(), QUANTILE_TOLERANCE);
        assertEquals(0.5818034092520259, interval.upper(), QUANTILE_TOLERANCE);
        assertEquals(0.9, interval.mass(), 0);
        assertTrue(interval.contains(2.0 / 7));
    }

    @Test
    public void credibleIntervalNarrowsAsOutcomesAccumulate() {
        BetaReliability posterior = BetaReliability.uniformPrior();
        double previousWidth = posterior.credibleInterval(0.9).width();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 20; i++) {
                posterior = posterior.update(i % 4 != 0);
            }
            double width = posterior.credibleInterval(0.9).width();
            assertTrue("width " + width + " after round " + round + " not below " + previousWidth,
                    width < previousWidth);
            previousWidth = width;
        }
        assertTrue(posterior.credibleInterval(0.9).contains(0.75));
    }

    @Test
    public void decayShrinksTheEvidenceButKeepsThePrior() {
        BetaReliability posterior = BetaReliability.prior(2, 3);
        for (int i = 0; i < 10; i++) {
            posterior = posterior.update(true);
        }
        posterior = posterior.update(false).update(false);
        BetaReliability decayed = posterior.decayed(0.5);
        assertEquals(5.0, decayed.successes(), 1e-12);
        assertEquals(1.0, decayed.failures(), 1e-12);
        assertEquals(2.0, decayed.priorAlpha(), 0);
        assertEquals(3.0, decayed.priorBeta(), 0);
        assertTrue(decayed.credibleInterval(0.9).width() > posterior.credibleInterval(0.9).width());
        assertEquals(posterior, posterior.decayed(1.0));
    }

    @Test
    public void badInputIsRejectedNamingTheValue() {
        assertMessageContains("-1.0", () -> BetaReliability.prior(-1, 1));
        assertMessageContains("0.0", () -> BetaReliability.prior(1, 0));
        assertMessageContains("NaN", () -> BetaReliability.prior(Double.NaN, 1));
        assertMessageContains("Infinity", () -> new BetaReliability(1, 1, Double.POSITIVE_INFINITY, 0));
        assertMessageContains("-2.0", () -> new BetaReliability(1, 1, 0, -2));
        assertMessageContains("1.0", () -> BetaReliability.uniformPrior().credibleInterval(1.0));
        assertMessageContains("0.0", () -> BetaReliability.uniformPrior().decayed(0));
        assertMessageContains("1.5", () -> BetaReliability.uniformPrior().quantile(1.5));
        assertMessageContains("-0.1", () -> BetaReliability.uniformPrior().cumulativeProbability(-0.1));
    }

    private static void assertMessageContains(String expected, org.junit.function.ThrowingRunnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue("message '" + e.getMessage() + "' should contain " + expected, e.getMessage().contains(expected));
    }
}
