package org.cogos.api;

import java.util.List;

/**
 * The coordinator's fused view of one robot over a time window: the newest observation of each modality.
 *
 * @param robotId         robot the scene describes
 * @param sequence        scene number, increasing per robot
 * @param timestampMillis wall clock when the scene was fused
 * @param observations    newest observation per modality inside the window
 * @param trigger         the observation whose arrival produced this scene
 */
public record Scene(String robotId, long sequence, long timestampMillis, List<Observation> observations,
        Observation trigger) {

    public Scene {
        Names.requireName("robotId", robotId);
        observations = List.copyOf(observations);
    }

    /** All detections of all observations with the given label. */
    public List<Detection> detections(String label) {
        return observations.stream().flatMap(o -> o.detections().stream())
                .filter(d -> d.label().equals(label)).toList();
    }
}
