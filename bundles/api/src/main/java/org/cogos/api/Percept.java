package org.cogos.api;

import java.util.Objects;

/**
 * One raw sensor message from a robot, as it arrived on {@code cogos/v1/robots/{robot}/sensors/{modality}}.
 *
 * <p>The payload is kept as bytes: decoding belongs to the module that owns the modality, so a module can be
 * swapped for one that understands a newer format without touching ingest. The array is not copied; nobody
 * may modify it after construction.
 *
 * @param robotId       robot that sent it
 * @param modality      modality from the topic, e.g. {@code lidar}
 * @param sequence      ingest sequence number, strictly increasing per robot in arrival order. A percept a module
 *                      derives from another (the audio module's transcript, submitted as a {@code text} percept)
 *                      keeps its source's sequence and ingest times, so errors and latencies trace back to what
 *                      the robot sent; (robot, modality, sequence) identifies a percept
 * @param receivedNanos {@link System#nanoTime()} at ingest, for latency measurement
 * @param receivedMillis wall clock at ingest
 * @param payload       the message body (JSON for the built-in modalities)
 */
public record Percept(String robotId, String modality, long sequence, long receivedNanos, long receivedMillis,
        byte[] payload) {

    public Percept {
        Names.requireName("robotId", robotId);
        Names.requireName("modality", modality);
        Objects.requireNonNull(payload, "payload");
    }
}
