package org.cogos.api.admin;

import java.util.Map;

/**
 * What cogos knows of a robot from its retained status topic and its traffic.
 *
 * @param robotId             robot id
 * @param online              true after an {@code online} status, false after {@code offline} (also the last will)
 * @param lastSeenMillis      wall clock of the last message from it, or 0
 * @param statusMillis        wall clock of its last status change, or 0
 * @param perceptsByModality  percepts received from it since cogos started, by modality (the topic's last level)
 */
public record RobotStatus(String robotId, boolean online, long lastSeenMillis, long statusMillis,
        Map<String, Long> perceptsByModality) {

    public RobotStatus {
        perceptsByModality = Map.copyOf(perceptsByModality);
    }

    /** @return percepts received from it since cogos started, of all modalities */
    public long percepts() {
        return perceptsByModality.values().stream().mapToLong(Long::longValue).sum();
    }
}
