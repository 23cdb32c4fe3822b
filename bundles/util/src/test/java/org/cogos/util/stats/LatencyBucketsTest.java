package org.cogos.util.stats;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LatencyBucketsTest {

    @Test
    public void aLatencyCountsInTheFirstBucketItDoesNotExceed() {
        LatencyBuckets buckets = new LatencyBuckets();
        long[] bounds = LatencyBuckets.boundsNanos();

        buckets.record(0);
        buckets.record(bounds[0]);
        buckets.record(bounds[0] + 1);
        buckets.record(bounds[bounds.length - 1] + 1);

        long[] expected = new long[bounds.length + 1];
        expected[0] = 2;
        expected[1] = 1;
        expected[bounds.length] = 1;
        assertArrayEquals(expected, buckets.counts());
        assertEquals(2 * bounds[0] + 1 + bounds[bounds.length - 1] + 1, buckets.sumNanos());
    }

    @Test
    public void boundsAscendAndCannotBeChangedFromOutside() {
        long[] bounds = LatencyBuckets.boundsNanos();
        for (int i = 1; i < bounds.length; i++) {
            assertTrue(bounds[i] > bounds[i - 1]);
        }
        bounds[0] = 1;
        assertEquals(50_000L, LatencyBuckets.boundsNanos()[0]);
    }
}
