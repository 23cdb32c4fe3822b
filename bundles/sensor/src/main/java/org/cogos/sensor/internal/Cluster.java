package org.cogos.sensor.internal;

/**
 * One group of neighbouring returns, in the sensor frame.
 *
 * @param points         number of returns
 * @param nearestM       range of the nearest return
 * @param centroidM      range of the centroid of the returns
 * @param bearingRad     bearing of the centroid (REP 103: 0 ahead, positive to the left)
 * @param lateralExtentM extent across the line of sight to the centroid
 * @param chordM         distance between the first and the last return
 */
record Cluster(int points, double nearestM, double centroidM, double bearingRad, double lateralExtentM,
        double chordM) {
}
