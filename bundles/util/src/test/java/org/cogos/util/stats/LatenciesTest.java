package org.cogos.util.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class LatenciesTest {

    @Test
    public void emptyHasNoFigures() {
        Latencies latencies = new Latencies(8);
        assertEquals(0, latencies.count());
        assertEquals(-1, latencies.percentileNanos(0.99));
        assertEquals(-1, latencies.meanNanos());
        assertEquals(Double.NaN, latencies.percentileMs(0.5), 0);
        assertEquals(Double.NaN, latencies.meanMs(), 0);
    }

    @Test
    public void percentilesAreNearestRank() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) {
            latencies.record(i * 1_000_000L);
        }
        assertEquals(50_000_000L, latencies.percentileNanos(0.5));
        assertEquals(99_000_000L, latencies.percentileNanos(0.99));
        assertEquals(100_000_000L, latencies.percentileNanos(1.0));
        assertEquals("the smallest at any fraction below its rank", 1_000_000L, latencies.percentileNanos(0.001));
        assertEquals(50.0, latencies.percentileMs(0.5), 0);
        assertEquals(50.5, latencies.meanMs(), 1e-9);
        assertEquals(50_500_000L, latencies.meanNanos());
    }

    @Test
    public void aSingleSampleIsEveryPercentile() {
        Latencies latencies = new Latencies(2048);
        latencies.record(42);
        assertEquals(42, latencies.percentileNanos(0.5));
        assertEquals(42, latencies.percentileNanos(0.99));
    }

    @Test
    public void aWindowKeepsTheLastSamplesForPercentilesAndAllForCountAndMean() {
        Latencies latencies = new Latencies(4);
        for (long sample : new long[] { 1000, 1000, 1000, 1000, 1, 2, 3, 4 }) {
            latencies.record(sample);
        }
        assertEquals(4, latencies.percentileNanos(1.0));
        assertEquals(2, latencies.percentileNanos(0.5));
        assertEquals(8, latencies.count());
        assertEquals(4010, latencies.totalNanos());
        assertEquals(501, latencies.meanNanos());
    }

    @Test
    public void unboundedKeepsEverySample() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 5000; i++) {
            latencies.record(i);
        }
        assertEquals(5000, latencies.count());
        assertEquals("the first samples still count", 1, latencies.percentileNanos(0.0001));
        assertEquals(4950, latencies.percentileNanos(0.99));
    }

    @Test
    public void aWindowHoldsAtLeastOneSample() {
        assertThrows(IllegalArgumentException.class, () -> new Latencies(0));
    }
}
