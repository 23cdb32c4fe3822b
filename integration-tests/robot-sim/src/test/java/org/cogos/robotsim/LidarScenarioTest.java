package org.cogos.robotsim;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The scripted encounter has the shapes the sensor module's documented rules (docs/lidar-scan.md) expect. */
public class LidarScenarioTest {

    @Test
    public void aSeedGivesTheSameScans() {
        LidarScenario first = new LidarScenario(10, 0.02, 99);
        LidarScenario second = new LidarScenario(10, 0.02, 99);
        for (int frame = 0; frame < first.framesPerCycle(); frame++) {
            assertArrayEquals(first.scan(frame + 1, frame, 1000), second.scan(frame + 1, frame, 1000));
        }
    }

    @Test
    public void thePersonIsAPersonSizedClusterWalkingUpToTheRobot() {
        LidarScenario scenario = new LidarScenario(10, 0.01, 1);
        int walkFrames = 0;
        double previous = Double.POSITIVE_INFINITY;
        for (int frame = 0; scenario.phase(frame) == LidarScenario.Phase.PERSON; frame++, walkFrames++) {
            double distance = scenario.personDistance(frame);
            assertTrue("walks towards the robot", distance < previous);
            previous = distance;
            Cluster person = nearestCluster(scenario.ranges(frame));
            assertTrue("at least 3 returns at " + distance, person.points >= 3);
            assertEquals(distance, person.nearest, 0.05);
            assertTrue("width " + person.width + " at " + distance, person.width >= 0.25 && person.width <= 0.7);
        }
        assertEquals(30, walkFrames);
        assertEquals(6.0, scenario.personDistance(0), 1e-9);
        assertEquals(1.5, scenario.personDistance(walkFrames - 1), 1e-9);
    }

    @Test
    public void thenNothingNearThenAWideObstacleAtThirtyCentimetres() {
        LidarScenario scenario = new LidarScenario(10, 0.01, 1);
        assertEquals(LidarScenario.Phase.CLEAR, scenario.phase(30));
        assertTrue(nearestCluster(scenario.ranges(30)).nearest > 7.5);
        assertEquals(LidarScenario.Phase.OBSTACLE, scenario.phase(40));
        Cluster obstacle = nearestCluster(scenario.ranges(40));
        assertEquals(0.3, obstacle.nearest, 0.05);
        assertTrue("wider than a person: " + obstacle.width, obstacle.width > 0.7);
        assertEquals(60, scenario.framesPerCycle());
        assertEquals("loops", LidarScenario.Phase.PERSON, scenario.phase(60));
    }

    private record Cluster(int points, double nearest, double width) {
    }

    /** The run of consecutive returns (gaps under 0.25 m) that contains the nearest return. */
    private static Cluster nearestCluster(double[] ranges) {
        int nearestIndex = -1;
        for (int i = 0; i < ranges.length; i++) {
            if (!Double.isNaN(ranges[i]) && (nearestIndex < 0 || ranges[i] < ranges[nearestIndex])) {
                nearestIndex = i;
            }
        }
        int first = nearestIndex;
        while (first > 0 && close(ranges, first - 1, first)) {
            first--;
        }
        int last = nearestIndex;
        while (last < ranges.length - 1 && close(ranges, last, last + 1)) {
            last++;
        }
        double[] a = point(ranges, first);
        double[] b = point(ranges, last);
        return new Cluster(last - first + 1, ranges[nearestIndex], Math.hypot(a[0] - b[0], a[1] - b[1]));
    }

    private static boolean close(double[] ranges, int i, int j) {
        if (Double.isNaN(ranges[i]) || Double.isNaN(ranges[j])) {
            return false;
        }
        double[] a = point(ranges, i);
        double[] b = point(ranges, j);
        return Math.hypot(a[0] - b[0], a[1] - b[1]) <= 0.25;
    }

    private static double[] point(double[] ranges, int i) {
        double angle = LaserScanJson.angle(i);
        return new double[] {ranges[i] * Math.cos(angle), ranges[i] * Math.sin(angle)};
    }
}
