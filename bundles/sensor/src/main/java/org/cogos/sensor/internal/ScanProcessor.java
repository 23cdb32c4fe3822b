package org.cogos.sensor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;

/** One percept in, one observation out, under one fixed set of options. Immutable, so thread-safe. */
final class ScanProcessor {

    static final String MODULE = "sensor";
    static final String PERSON = "person";
    static final String OBSTACLE = "obstacle";

    private final SensorOptions options;

    ScanProcessor(SensorOptions options) {
        this.options = options;
    }

    SensorOptions options() {
        return options;
    }

    Observation process(Percept percept) throws PerceptException {
        LaserScan scan = LaserScanParser.parse(percept.payload(), options.maxPoints());
        List<Cluster> clusters = ScanClusterer.cluster(scan, options.clusterGapM(), options.minClusterPoints());
        List<Detection> detections = new ArrayList<>(clusters.size());
        for (Cluster cluster : clusters) {
            detections.add(detect(cluster, scan.frame()));
        }
        return new Observation(percept.robotId(), percept.modality(), MODULE, percept.sequence(), scan.seq(),
                percept.receivedNanos(), System.currentTimeMillis(), detections);
    }

    /**
     * Labels a cluster. Its width is the larger of the chord and the extent across the line of sight: a wall
     * seen edge-on is narrow across the line of sight but has a long chord, a corner seen from inside has a
     * short chord but is wide; neither is a person.
     */
    private Detection detect(Cluster cluster, String frame) {
        double width = Math.max(cluster.chordM(), cluster.lateralExtentM());
        double min = options.personMinWidthM();
        double max = options.personMaxWidthM();
        boolean person = width >= min && width <= max && cluster.nearestM() <= options.personMaxRangeM();
        // A person's confidence falls from 1 at the middle of the width band to 0.5 at its edges; an obstacle
        // is certain, the returns are physical.
        double confidence = person ? 1 - 0.5 * Math.abs(width - (min + max) / 2) / ((max - min) / 2) : 1;
        Map<String, String> attributes = Map.of(
                "points", Integer.toString(cluster.points()),
                "nearest_m", roundedToMillimetre(cluster.nearestM()),
                "centroid_m", roundedToMillimetre(cluster.centroidM()),
                "width_m", roundedToMillimetre(width),
                "frame", frame);
        return new Detection(person ? PERSON : OBSTACLE, confidence, cluster.nearestM(), cluster.bearingRad(),
                cluster.lateralExtentM(), attributes);
    }

    /** Millimetre resolution is what a lidar measures; more digits are noise in the attribute text. */
    private static String roundedToMillimetre(double metres) {
        return Double.toString(Math.rint(metres * 1000) / 1000);
    }
}
