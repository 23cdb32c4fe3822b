package org.cogos.robotsim;

import java.util.Map;

/**
 * An action as the robot received it on {@code .../actions} (docs/mqtt-topics.md).
 *
 * @param actionId       {@code action_id}
 * @param type           {@code type}, e.g. {@code stop}
 * @param params         {@code params}
 * @param reason         {@code reason}
 * @param createdMillis  {@code created}: when cogos decided it (cogos' clock)
 * @param sceneSeq       {@code scene_seq}
 * @param sourceSeq      {@code source_seq}: the {@code seq} of the scan that triggered it, or -1
 * @param receivedNanos  {@link System#nanoTime()} when the simulator received it, comparable with
 *                       {@link RobotSimulator#publishedNanos(long)}
 * @param receivedMillis wall clock when the simulator received it
 * @param json           the payload as received
 */
public record ReceivedAction(String actionId, String type, Map<String, Object> params, String reason,
        long createdMillis, long sceneSeq, long sourceSeq, long receivedNanos, long receivedMillis, String json) {

    /** The line the simulator prints for it: {@code ACTION <type> <params> id=<id> reason=<reason>}. */
    public String line() {
        return "ACTION " + type + " " + RobotSimulator.compactJson(params) + " id=" + actionId + " reason=" + reason;
    }
}
