package org.cogos.rules.internal;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance.FactUse;

/** A detection with the observation it came from, for the reason text and the provenance. */
record Fact(Detection detection, Observation observation) {

    FactUse use(String role) {
        return FactUse.of(role, observation, detection);
    }

    /** The observation in words: its modality and the robot's sequence number, or the ingest one. */
    String source() {
        return observation.sourceSequence() >= 0
                ? observation.modality() + " seq " + observation.sourceSequence()
                : observation.modality() + " percept " + observation.perceptSequence();
    }

    /** The detection's {@code text} attribute: what was heard, for an utterance; empty when there is none. */
    String text() {
        return detection.attributes().getOrDefault("text", "");
    }
}
