package org.cogos.api.admin;

/**
 * What cogos knows of a robot from its retained status topic and its traffic.
 *
 * @param robotId        robot id
 * @param online         true after an {@code online} status, false after {@code offline} (also the last will)
 * @param lastSeenMillis wall clock of the last message from it, or 0
 * @param statusMillis   wall clock of its last status change, or 0
 * @param percepts       percepts received from it since cogos started
 */
public record RobotStatus(String robotId, boolean online, long lastSeenMillis, long statusMillis, long percepts) {
}
