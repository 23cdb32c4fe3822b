package org.cogos.sensor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;

/**
 * One percept in, one observation out, under one fixed set of options: parse, cluster, classify every cluster of
 * the scan in one call of the shared {@link ClusterClassifier}. Immutable, so thread-safe.
 */
final class ScanProcessor {

    static final String MODULE = "sensor";
    static final String PERSON = "person";
    static final String OBSTACLE = "obstacle";

    private final SensorOptions options;
    private final ClusterClassifier classifier;

    ScanProcessor(SensorOptions options, ClusterClassifier classifier) {
        this.options = options;
        this.classifier = classifier;
    }

    SensorOptions options() {
        return options;
    }

    /** A scan's observation, and the scan it was made of. */
    record Result(Observation observation, LaserScan scan) {
    }

    Result process(Percept percept) throws PerceptException {
        LaserScan scan = LaserScanParser.parse(percept.payload(), options.maxPoints());
        List<Cluster> clusters = ScanClusterer.cluster(scan, options.clusterGapM(), options.minClusterPoints());
        double[] person = classifier.personProbabilities(clusters, scan.angleIncrement());
        List<Detection> detections = new ArrayList<>(clusters.size());
        for (int i = 0; i < person.length; i++) {
            detections.add(detect(clusters.get(i), person[i], scan.frame()));
        }
        return new Result(new Observation(percept.robotId(), percept.modality(), MODULE, percept.sequence(),
                scan.seq(), percept.receivedNanos(), System.currentTimeMillis(), detections), scan);
    }

    /** The network's probability decides the label; the confidence is the probability of the label given. */
    private Detection detect(Cluster cluster, double personProbability, String frame) {
        boolean person = personProbability >= options.personThreshold();
        Map<String, String> attributes = Map.of(
                "points", Integer.toString(cluster.points()),
                "rays", cluster.firstRay() + "-" + cluster.lastRay(),
                "nearest_m", roundedToMillimetre(cluster.nearestM()),
                "centroid_m", roundedToMillimetre(cluster.centroidM()),
                "width_m", roundedToMillimetre(cluster.widthM()),
                "classifier", classifier.backend(),
                "frame", frame);
        return new Detection(person ? PERSON : OBSTACLE, person ? personProbability : 1 - personProbability,
                cluster.nearestM(), cluster.bearingRad(), cluster.lateralExtentM(), attributes);
    }

    /** Millimetre resolution is what a lidar measures; more digits are noise in the attribute text. */
    private static String roundedToMillimetre(double metres) {
        return Double.toString(Math.rint(metres * 1000) / 1000);
    }
}
