package org.cogos.api;

import java.util.List;

/**
 * What a module made of exactly one percept. Every percept a module accepts yields one observation, possibly
 * with no detections, so that loss can be detected end to end.
 *
 * @param robotId        robot the percept came from
 * @param modality       modality of the percept
 * @param module         name of the module that produced it
 * @param perceptSequence the ingest sequence of the percept
 * @param sourceSequence the robot's own sequence number from the payload, or -1 when it sent none
 * @param receivedNanos  the percept's ingest time ({@link System#nanoTime()}), carried for latency figures
 * @param timestampMillis wall clock when the observation was made
 * @param detections     what was found
 */
public record Observation(String robotId, String modality, String module, long perceptSequence, long sourceSequence,
        long receivedNanos, long timestampMillis, List<Detection> detections) {

    public Observation {
        Names.requireName("robotId", robotId);
        Names.requireName("modality", modality);
        detections = List.copyOf(detections);
    }
}
