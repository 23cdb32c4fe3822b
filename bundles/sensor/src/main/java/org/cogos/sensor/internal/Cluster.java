package org.cogos.sensor.internal;

/**
 * One group of neighbouring returns, in the sensor frame: where it is and the shape measures the classifier's
 * features ({@link ClusterFeatures}) are made of. Public only so that {@code scripts/train-cluster-mlp.java}
 * computes its training features with this very code; the package is not exported.
 *
 * @param points         number of returns
 * @param firstRay       index in {@code ranges} of the first return (in scan order)
 * @param lastRay        index of the last return; below {@code firstRay} when the cluster wraps a full turn
 * @param nearestM       range of the nearest return
 * @param farthestM      range of the farthest return
 * @param centroidM      range of the centroid of the returns
 * @param bearingRad     bearing of the centroid (REP 103: 0 ahead, positive to the left)
 * @param lateralExtentM extent across the line of sight to the centroid
 * @param chordM         distance between the first and the last return
 * @param bulgeM         mean distance of the returns from the chord, positive towards the sensor: a round body
 *                       bulges towards the sensor, a flat face does not, a corner seen from inside bulges away
 * @param lineRmsM       RMS distance of the returns from their best-fitting straight line
 * @param circleRmsM     RMS distance of the returns from their best-fitting circle (algebraic fit); equal to
 *                       {@code lineRmsM} when the returns are collinear
 * @param circleRadiusM  radius of that circle; {@code +Infinity} when the returns are collinear
 * @param maxStepM       largest distance between consecutive returns (the gap between two legs)
 * @param occludedEnds   0, 1 or 2: ends where something nearer cuts the view, or the edge of a partial scan, so
 *                       the object may go on beyond the returns
 */
public record Cluster(int points, int firstRay, int lastRay, double nearestM, double farthestM, double centroidM,
        double bearingRad, double lateralExtentM, double chordM, double bulgeM, double lineRmsM, double circleRmsM,
        double circleRadiusM, double maxStepM, int occludedEnds) {

    /** The larger of the chord and the extent across the line of sight: what "how wide is it" means here. */
    public double widthM() {
        return Math.max(chordM, lateralExtentM);
    }
}
