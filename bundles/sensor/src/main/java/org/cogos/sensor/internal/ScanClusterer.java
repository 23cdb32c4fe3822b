package org.cogos.sensor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The numeric core of the module: polar returns to Cartesian points, segmentation by the gap between
 * consecutive returns, and per-cluster geometry. Kept apart from parsing and labelling because it is what a
 * native TensorEngine will take over. Works on primitive arrays allocated per call, so concurrent calls share
 * nothing.
 */
final class ScanClusterer {

    private ScanClusterer() {
    }

    /**
     * @param gapM      consecutive returns farther apart than this belong to different clusters
     * @param minPoints clusters with fewer returns are dropped
     * @return the clusters in scan order (counter-clockwise from angle_min)
     */
    static List<Cluster> cluster(LaserScan scan, double gapM, int minPoints) {
        double[] ranges = scan.ranges();
        int n = ranges.length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] rs = new double[n];
        // The angle advances by a rotation instead of a sin/cos per ray; the drift over 100000 rays stays
        // below 1e-10 rad.
        double stepCos = Math.cos(scan.angleIncrement());
        double stepSin = Math.sin(scan.angleIncrement());
        double cos = Math.cos(scan.angleMin());
        double sin = Math.sin(scan.angleMin());
        double rangeMin = scan.rangeMin();
        double rangeMax = scan.rangeMax();
        int m = 0;
        for (int i = 0; i < n; i++) {
            double r = ranges[i];
            if (r >= rangeMin && r <= rangeMax) { // false for NaN (no return) too
                xs[m] = r * cos;
                ys[m] = r * sin;
                rs[m] = r;
                m++;
            }
            double nextCos = cos * stepCos - sin * stepSin;
            sin = sin * stepCos + cos * stepSin;
            cos = nextCos;
        }
        if (m == 0) {
            return List.of();
        }

        // starts[k] is the index of the first point of run k; runs are [starts[k], starts[k + 1]).
        double gap2 = gapM * gapM;
        int[] starts = new int[m + 1];
        int runs = 0;
        starts[runs++] = 0;
        for (int j = 1; j < m; j++) {
            if (distance2(xs, ys, j - 1, j) > gap2) {
                starts[runs++] = j;
            }
        }
        starts[runs] = m;

        // On a full turn the last run continues into the first when the ends meet behind the sensor.
        int firstRun = 0;
        int lastRun = runs - 1;
        int wrapped = 0;
        if (scan.fullCircle() && runs > 1 && distance2(xs, ys, m - 1, 0) <= gap2) {
            firstRun = 1;
            wrapped = starts[1];
        }

        List<Cluster> clusters = new ArrayList<>();
        for (int k = firstRun; k <= lastRun; k++) {
            int start = starts[k];
            int length = starts[k + 1] - start + (k == lastRun ? wrapped : 0);
            if (length >= minPoints) {
                clusters.add(measure(xs, ys, rs, start, length, m));
            }
        }
        return clusters;
    }

    /** Geometry of the {@code length} points from {@code start}, wrapping past {@code m} to 0. */
    private static Cluster measure(double[] xs, double[] ys, double[] rs, int start, int length, int m) {
        double sumX = 0;
        double sumY = 0;
        double nearest = Double.POSITIVE_INFINITY;
        for (int k = 0, j = start; k < length; k++, j = next(j, m)) {
            sumX += xs[j];
            sumY += ys[j];
            nearest = Math.min(nearest, rs[j]);
        }
        double cx = sumX / length;
        double cy = sumY / length;
        double centroid = Math.sqrt(cx * cx + cy * cy);
        // Unit vector across the line of sight; a ring around the sensor has no line of sight, take y.
        double ux = centroid > 1e-9 ? -cy / centroid : 0;
        double uy = centroid > 1e-9 ? cx / centroid : 1;
        double lateralMin = Double.POSITIVE_INFINITY;
        double lateralMax = Double.NEGATIVE_INFINITY;
        int last = start;
        for (int k = 0, j = start; k < length; k++, j = next(j, m)) {
            double lateral = xs[j] * ux + ys[j] * uy;
            lateralMin = Math.min(lateralMin, lateral);
            lateralMax = Math.max(lateralMax, lateral);
            last = j;
        }
        double chord = Math.sqrt(distance2(xs, ys, start, last));
        return new Cluster(length, nearest, centroid, Math.atan2(cy, cx), lateralMax - lateralMin, chord);
    }

    private static int next(int j, int m) {
        return j + 1 == m ? 0 : j + 1;
    }

    private static double distance2(double[] xs, double[] ys, int a, int b) {
        double dx = xs[a] - xs[b];
        double dy = ys[a] - ys[b];
        return dx * dx + dy * dy;
    }
}
