package org.cogos.sensor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Polar returns to Cartesian points, segmentation by the gap between consecutive returns, and per-cluster
 * geometry. Works on primitive arrays allocated per call, so concurrent calls share nothing. Public only so that
 * {@code scripts/train-cluster-mlp.java} clusters its training scans with this very code.
 *
 * <p>StrictMath rather than Math for the few transcendental calls: the training features, and so the shipped
 * weights, come out bit for bit the same on every JVM.
 */
public final class ScanClusterer {

    private ScanClusterer() {
    }

    /**
     * @param gapM      consecutive returns farther apart than this belong to different clusters
     * @param minPoints clusters with fewer returns are dropped
     * @return the clusters in scan order (counter-clockwise from angle_min)
     */
    public static List<Cluster> cluster(LaserScan scan, double gapM, int minPoints) {
        double[] ranges = scan.ranges();
        int n = ranges.length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] rs = new double[n];
        int[] rays = new int[n];
        // The angle advances by a rotation instead of a sin/cos per ray; the drift over 100000 rays stays
        // below 1e-10 rad.
        double stepCos = StrictMath.cos(scan.angleIncrement());
        double stepSin = StrictMath.sin(scan.angleIncrement());
        double cos = StrictMath.cos(scan.angleMin());
        double sin = StrictMath.sin(scan.angleMin());
        double rangeMin = scan.rangeMin();
        double rangeMax = scan.rangeMax();
        int m = 0;
        for (int i = 0; i < n; i++) {
            double r = ranges[i];
            if (r >= rangeMin && r <= rangeMax) { // false for NaN (no return) too
                xs[m] = r * cos;
                ys[m] = r * sin;
                rs[m] = r;
                rays[m] = i;
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
                clusters.add(measure(xs, ys, rs, rays, start, length, m,
                        occludedEnds(scan, rs, rays, start, length, m)));
            }
        }
        return clusters;
    }

    /**
     * How many ends of the run of {@code length} points from {@code start} may hide more of the object: the
     * neighbouring return (at most two rays away) is nearer, so something in front cuts the view, or the end is at
     * the edge of a partial scan. A wall seen between two people has both ends occluded; a person in front of
     * a wall has none.
     */
    private static int occludedEnds(LaserScan scan, double[] rs, int[] rays, int start, int length, int m) {
        int rayCount = scan.ranges().length;
        int last = (start + length - 1) % m;
        boolean full = scan.fullCircle();
        // A cluster of every point the scan has is its own neighbour on a full turn: none then.
        boolean neighbours = length < m;
        int before = !neighbours ? -1 : start > 0 ? start - 1 : full ? m - 1 : -1;
        int after = !neighbours ? -1 : last + 1 < m ? last + 1 : full ? 0 : -1;
        int occluded = 0;
        if ((!full && rays[start] <= 1) || hides(rs, rays, before, start, rayCount, full)) {
            occluded++;
        }
        if ((!full && rays[last] >= rayCount - 2) || hides(rs, rays, after, last, rayCount, full)) {
            occluded++;
        }
        return occluded;
    }

    /** Whether point {@code neighbour} (-1: none) is within two rays of point {@code end} and nearer. */
    private static boolean hides(double[] rs, int[] rays, int neighbour, int end, int rayCount, boolean full) {
        if (neighbour < 0) {
            return false;
        }
        int apart = Math.abs(rays[neighbour] - rays[end]);
        if (full) {
            apart = Math.min(apart, rayCount - apart);
        }
        return apart <= 2 && rs[neighbour] < rs[end];
    }

    /** Geometry of the {@code length} points from {@code start}, wrapping past {@code m} to 0. */
    private static Cluster measure(double[] xs, double[] ys, double[] rs, int[] rays, int start, int length,
            int m, int occludedEnds) {
        double sumX = 0;
        double sumY = 0;
        double nearest = Double.POSITIVE_INFINITY;
        double farthest = 0;
        double maxStep2 = 0;
        int last = start;
        for (int k = 0, j = start; k < length; k++, j = next(j, m)) {
            sumX += xs[j];
            sumY += ys[j];
            nearest = Math.min(nearest, rs[j]);
            farthest = Math.max(farthest, rs[j]);
            if (k > 0) {
                maxStep2 = Math.max(maxStep2, distance2(xs, ys, last, j));
            }
            last = j;
        }
        double cx = sumX / length;
        double cy = sumY / length;
        double centroid = Math.sqrt(cx * cx + cy * cy);
        // Unit vector across the line of sight; a ring around the sensor has no line of sight, take y.
        double ux = centroid > 1e-9 ? -cy / centroid : 0;
        double uy = centroid > 1e-9 ? cx / centroid : 1;
        double chord = Math.sqrt(distance2(xs, ys, start, last));
        // Unit normal of the chord pointing to the sensor's side (the origin); none for a point-like chord.
        double nx = 0;
        double ny = 0;
        if (chord > 1e-9) {
            nx = -(ys[last] - ys[start]) / chord;
            ny = (xs[last] - xs[start]) / chord;
            if (nx * -xs[start] + ny * -ys[start] < 0) {
                nx = -nx;
                ny = -ny;
            }
        }
        double lateralMin = Double.POSITIVE_INFINITY;
        double lateralMax = Double.NEGATIVE_INFINITY;
        double bulge = 0;
        // Second moments about the centroid (line fit) and third moments (algebraic circle fit, Kasa).
        double suu = 0;
        double svv = 0;
        double suv = 0;
        double suuu = 0;
        double svvv = 0;
        double suvv = 0;
        double svuu = 0;
        for (int k = 0, j = start; k < length; k++, j = next(j, m)) {
            double lateral = xs[j] * ux + ys[j] * uy;
            lateralMin = Math.min(lateralMin, lateral);
            lateralMax = Math.max(lateralMax, lateral);
            bulge += (xs[j] - xs[start]) * nx + (ys[j] - ys[start]) * ny;
            double u = xs[j] - cx;
            double v = ys[j] - cy;
            suu += u * u;
            svv += v * v;
            suv += u * v;
            suuu += u * u * u;
            svvv += v * v * v;
            suvv += u * v * v;
            svuu += v * u * u;
        }
        // The smaller eigenvalue of the scatter matrix is the squared residual of the total least squares line.
        double half = (suu - svv) / 2;
        double smallest = (suu + svv) / 2 - Math.sqrt(half * half + suv * suv);
        double lineRms = Math.sqrt(Math.max(0, smallest) / length);
        double det = suu * svv - suv * suv;
        double circleRms = lineRms;
        double radius = Double.POSITIVE_INFINITY;
        double spread = suu + svv;
        if (det > 1e-12 * spread * spread) {
            double bu = (suuu + suvv) / 2;
            double bv = (svvv + svuu) / 2;
            double uc = (bu * svv - bv * suv) / det;
            double vc = (suu * bv - suv * bu) / det;
            radius = Math.sqrt(uc * uc + vc * vc + spread / length);
            double residual2 = 0;
            for (int k = 0, j = start; k < length; k++, j = next(j, m)) {
                double du = xs[j] - cx - uc;
                double dv = ys[j] - cy - vc;
                double residual = Math.sqrt(du * du + dv * dv) - radius;
                residual2 += residual * residual;
            }
            circleRms = Math.sqrt(residual2 / length);
        }
        return new Cluster(length, rays[start], rays[last], nearest, farthest, centroid, Math.atan2(cy, cx),
                lateralMax - lateralMin, chord, bulge / length, lineRms, circleRms, radius, Math.sqrt(maxStep2),
                occludedEnds);
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
