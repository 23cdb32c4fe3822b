package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.junit.Test;

/** The shape measures behind the classifier's features, on exact (noise-free) scans. */
public class ScanClustererTest {

    private static List<Cluster> clusters(ScanGenerator scan) throws Exception {
        return ScanClusterer.cluster(LaserScanParser.parse(scan.payload(), 100_000), 0.25, 3);
    }

    private static Cluster only(ScanGenerator scan) throws Exception {
        List<Cluster> clusters = clusters(scan);
        assertEquals(clusters + "", 1, clusters.size());
        return clusters.get(0);
    }

    /** A full turn at 0.25° per ray, so that shapes are sampled densely. */
    private static ScanGenerator fine() {
        ScanGenerator scan = ScanGenerator.fullTurn();
        scan.count = 1440;
        scan.angleIncrement = 2 * Math.PI / 1440;
        return scan;
    }

    @Test
    public void aRoundBodyFitsItsCircleAndBulgesTowardsTheSensor() throws Exception {
        Cluster body = only(fine().circle(3, 0.2, 0.2));

        assertEquals(0.2, body.circleRadiusM(), 0.005);
        assertTrue("circle residual " + body.circleRmsM(), body.circleRmsM() < 0.002);
        assertTrue("line residual " + body.lineRmsM(), body.lineRmsM() > 0.03);
        // The near half of a circle lies about 0.6 r in front of its chord on average (π/4 r for uniform x).
        assertEquals(0.13, body.bulgeM(), 0.04);
        assertEquals(3.0, body.nearestM(), 0.001);
        assertTrue(body.farthestM() > 3.15);
        assertEquals(0, body.occludedEnds());
    }

    @Test
    public void aWallIsStraightAndFlat() throws Exception {
        Cluster wall = only(ScanGenerator.fullTurn().segment(2, -3, 2, 3));

        assertTrue("line residual " + wall.lineRmsM(), wall.lineRmsM() < 1e-6);
        assertTrue("radius " + wall.circleRadiusM(), wall.circleRadiusM() > 1000);
        assertEquals(0, wall.bulgeM(), 1e-6);
        assertEquals(6.0, wall.chordM(), 0.1);
        assertEquals(0, wall.occludedEnds());
    }

    @Test
    public void aCornerSeenFromInsideBulgesAwayAndFromOutsideTowards() throws Exception {
        Cluster inside = only(ScanGenerator.fullTurn().segment(3, -1, 4, 0).segment(4, 0, 3, 1));
        Cluster outside = only(ScanGenerator.fullTurn().segment(4, -1, 3, 0).segment(3, 0, 4, 1));

        assertTrue("inside " + inside.bulgeM(), inside.bulgeM() < -0.2);
        assertTrue("outside " + outside.bulgeM(), outside.bulgeM() > 0.2);
    }

    @Test
    public void aPairOfLegsShowsTheGapBetweenThem() throws Exception {
        // Centres 0.21 m apart at 3 m: a gap of about 0.09 m between the legs, within the cluster gap.
        Cluster legs = only(fine().circle(3, 0.035, 0.06).circle(3, -0.035, 0.06));
        Cluster torso = only(fine().circle(3, 0, 0.16));

        assertTrue("legs " + legs.maxStepM(), legs.maxStepM() > 0.06 && legs.maxStepM() < 0.15);
        assertTrue("torso " + torso.maxStepM(), torso.maxStepM() < 0.05);
    }

    @Test
    public void wallPiecesBesideAPersonInFrontAreOccludedThereThePersonIsNot() throws Exception {
        List<Cluster> clusters = clusters(ScanGenerator.fullTurn().circle(2, 0, 0.2).segment(4, -3, 4, 3));
        clusters.sort(Comparator.comparingDouble(Cluster::bearingRad));

        assertEquals(3, clusters.size());
        assertEquals(List.of(1, 0, 1), clusters.stream().map(Cluster::occludedEnds).toList());
        assertEquals(2.0, clusters.get(1).nearestM(), 0.01);
    }

    @Test
    public void anObjectCutByTheEdgeOfAPartialScanHasAnOccludedEnd() throws Exception {
        ScanGenerator scan = new ScanGenerator();
        scan.angleMin = -Math.PI / 2;
        scan.count = 181;
        Cluster wall = only(scan.segment(-1, -2, 1, -2)); // across the right edge of a ±90° scan

        assertEquals(1, wall.occludedEnds());
        assertEquals(0, wall.firstRay());
    }

    @Test
    public void raysOfAClusterAcrossTheSeamOfAFullTurnWrap() throws Exception {
        Cluster behind = only(ScanGenerator.fullTurn().circle(2, Math.PI, 0.2));

        assertTrue(behind.firstRay() + ".." + behind.lastRay(), behind.firstRay() > behind.lastRay());
        assertEquals(360 - behind.firstRay() + behind.lastRay() + 1, behind.points());
    }
}
