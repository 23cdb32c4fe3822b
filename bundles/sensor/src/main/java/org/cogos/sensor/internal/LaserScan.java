package org.cogos.sensor.internal;

/**
 * A validated scan; a no-return is NaN in {@code ranges}. The array is owned by the call that parsed it. Public
 * only for {@code scripts/train-cluster-mlp.java}, which clusters its scans with {@link ScanClusterer}.
 *
 * @param seq            the robot's own scan counter
 * @param frame          the sensor frame the angles are measured in
 * @param angleMin       angle of {@code ranges[0]}, radians, REP 103 (0 ahead, positive to the left)
 * @param angleIncrement angle between consecutive ranges, radians, positive
 * @param rangeMin       returns nearer than this are no returns
 * @param rangeMax       returns farther than this are no returns
 * @param ranges         metres, NaN for no return
 * @param fullCircle     the ranges cover a whole turn, so the last one is adjacent to the first
 */
public record LaserScan(long seq, String frame, double angleMin, double angleIncrement, double rangeMin,
        double rangeMax, double[] ranges, boolean fullCircle) {
}
