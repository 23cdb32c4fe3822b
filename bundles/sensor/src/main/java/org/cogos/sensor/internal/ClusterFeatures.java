package org.cogos.sensor.internal;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * The input of the cluster classifier: a fixed vector of numbers per cluster ({@link #NAMES}), documented in
 * docs/lidar-scan.md. The module and {@code scripts/train-cluster-mlp.java} (which runs against this class) compute
 * them with this code only, so the network sees at run time exactly what it was trained on; the weights file names
 * the features it was trained for and is refused if they are not {@link #NAMES}.
 *
 * <p>Lengths become ratios to the cluster's width where the shape matters and logarithms where the scale does, and
 * every value is clamped, so that no input is unbounded (a wall can be 40 m long) and the network needs no other
 * normalisation than the one folded into its first layer.
 */
public final class ClusterFeatures {

    public static final List<String> NAMES = List.of(
            "ln_width", "ln_nearest", "ln_points", "density", "depth", "bulge", "line_rms", "circle_rms",
            "ln_radius", "max_step", "ln_line_rms", "occluded_ends");

    public static final int COUNT = NAMES.size();

    /** Narrower clusters (a few returns on one spot) are taken as this wide, so the ratios stay finite. */
    private static final double MIN_WIDTH_M = 0.01;

    private ClusterFeatures() {
    }

    /**
     * Writes the features of {@code cluster} at {@code out[offset .. offset + COUNT)} (absolute puts; the buffer's
     * position is not used).
     *
     * @param angleIncrement the scan's angle between rays, for the number of returns a face-on surface would give
     */
    public static void write(Cluster cluster, double angleIncrement, FloatBuffer out, int offset) {
        double width = Math.max(cluster.widthM(), MIN_WIDTH_M);
        double centroid = Math.max(cluster.centroidM(), 0.05);
        double faceOnReturns = 1 + width / (centroid * angleIncrement);
        out.put(offset, (float) StrictMath.log(width));
        out.put(offset + 1, (float) StrictMath.log(Math.max(cluster.nearestM(), 0.05)));
        out.put(offset + 2, (float) StrictMath.log(cluster.points()));
        out.put(offset + 3, clamp(cluster.points() / faceOnReturns, 0, 2));
        out.put(offset + 4, clamp((cluster.farthestM() - cluster.nearestM()) / width, 0, 2));
        out.put(offset + 5, clamp(cluster.bulgeM() / width, -1, 1));
        out.put(offset + 6, clamp(cluster.lineRmsM() / width, 0, 1));
        out.put(offset + 7, clamp(cluster.circleRmsM() / width, 0, 1));
        // A straight run has an infinite radius: clamped, like any radius 100 times its width.
        out.put(offset + 8, (float) StrictMath.log(clamp(cluster.circleRadiusM() / width, 0.1, 100)));
        out.put(offset + 9, clamp(cluster.maxStepM() / width, 0, 1));
        out.put(offset + 10, (float) StrictMath.log(cluster.lineRmsM() + 0.001));
        out.put(offset + 11, cluster.occludedEnds());
    }

    private static float clamp(double value, double min, double max) {
        return (float) Math.min(max, Math.max(min, value));
    }
}
