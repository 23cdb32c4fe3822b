package org.cogos.api;

import java.util.Map;

/**
 * One thing a module found in a percept, in the robot's frame.
 *
 * @param label      what it is, e.g. {@code obstacle}, {@code person}
 * @param confidence 0..1
 * @param distanceM  distance from the sensor in metres
 * @param bearingRad bearing in radians, 0 straight ahead, positive to the left (REP 103)
 * @param sizeM      extent across the line of sight in metres
 * @param attributes further module-specific facts, string-valued so they serialise without loss
 */
public record Detection(String label, double confidence, double distanceM, double bearingRad, double sizeM,
        Map<String, String> attributes) {

    /**
     * Attribute saying how a module estimated {@link #distanceM} when it could not measure it, e.g. {@code
     * box_height} for a camera that infers range from an object's apparent size. Absent when the distance was
     * measured (a range sensor). Decision engines should trust measured distances first.
     */
    public static final String DISTANCE_METHOD = "distance_method";

    public Detection {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label is required");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1]: " + confidence);
        }
        attributes = Map.copyOf(attributes);
    }

    public Detection(String label, double confidence, double distanceM, double bearingRad, double sizeM) {
        this(label, confidence, distanceM, bearingRad, sizeM, Map.of());
    }

    /**
     * A detection with no place in the robot's frame, such as an utterance or a sound: distance, bearing and
     * size are NaN, so a decision engine that looks for things by distance skips it instead of taking it for
     * an obstacle at 0 m.
     */
    public static Detection nonSpatial(String label, double confidence, Map<String, String> attributes) {
        return new Detection(label, confidence, Double.NaN, Double.NaN, Double.NaN, attributes);
    }

    /** @return whether the distance was estimated rather than measured (see {@link #DISTANCE_METHOD}) */
    public boolean distanceEstimated() {
        return attributes.containsKey(DISTANCE_METHOD);
    }

    /** @return whether this detection has a place in the robot's frame (a distance of 0 or more) */
    public boolean spatial() {
        return distanceM >= 0;
    }
}
