package org.cogos.api.admin;

import java.util.List;

/**
 * A LIDAR scan as the sensor module read it: ray {@code i} points at {@code angleMin + i * angleIncrement}
 * (radians, REP 103: 0 ahead, positive to the left) in {@code frame}.
 *
 * @param robotId        robot id
 * @param sequence       the robot's own scan counter
 * @param frame          the sensor frame
 * @param angleMin       angle of the first ray, radians
 * @param angleIncrement angle between rays, radians
 * @param rangeMax       the sensor's range, metres
 * @param ranges         metres, NaN where the ray had no return
 */
public record ScanPoints(String robotId, long sequence, String frame, double angleMin, double angleIncrement,
        double rangeMax, List<Double> ranges) {

    public ScanPoints {
        ranges = List.copyOf(ranges);
    }
}
