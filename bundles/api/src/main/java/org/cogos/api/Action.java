package org.cogos.api;

import java.util.Map;
import java.util.Objects;

/**
 * A command for a robot, published on {@code cogos/v1/robots/{robot}/actions}. Delivery is at least once, so
 * robots drop duplicates by {@link #actionId()}.
 *
 * @param actionId        globally unique id (a UUID)
 * @param robotId         robot that must carry it out
 * @param type            verb, e.g. {@code stop}, {@code approach}, {@code speak}
 * @param parameters      verb arguments; values are strings, numbers or booleans
 * @param createdMillis   wall clock when it was decided
 * @param reason          why it was decided: the rule and the facts it used (human readable)
 * @param sceneSequence   the scene it was decided from
 * @param sourceSequence  the robot's sequence number of the percept that triggered the scene, or -1
 * @param provenance      the rules, facts and confidences it was decided from, for programs and {@code cog:explain}
 */
public record Action(String actionId, String robotId, String type, Map<String, Object> parameters,
        long createdMillis, String reason, long sceneSequence, long sourceSequence, Provenance provenance) {

    public Action {
        Objects.requireNonNull(actionId, "actionId");
        Names.requireName("robotId", robotId);
        Names.requireName("type", type);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(provenance, "provenance");
    }
}
