package org.cogos.reasoning.internal.plan;

import java.util.ArrayList;
import java.util.List;

import org.cogos.api.Names;

/**
 * A decision as a DAG of steps for one robot, not yet validated: build with {@link PlanBuilder}, then hand it to
 * {@link PlanValidator#validate}. Immutable.
 *
 * @param id      the decision's id, e.g. the scene sequence, used to name token consumers
 * @param robotId the robot whose resources the steps use
 * @param steps   the steps in the order they were added
 */
public record Plan(String id, String robotId, List<Step> steps) {

    /** @throws IllegalArgumentException naming a malformed id */
    public Plan {
        Names.requireName("plan id", id);
        Names.requireName("robotId", robotId);
        steps = List.copyOf(steps);
    }

    /** @return a builder of the plan {@code id} for {@code robotId} */
    public static PlanBuilder builder(String id, String robotId) {
        return new PlanBuilder(id, robotId);
    }

    /** @return every resource claim of every step, in step order */
    public List<ResourceClaim> claims() {
        List<ResourceClaim> claims = new ArrayList<>();
        for (Step step : steps) {
            claims.addAll(step.resources());
        }
        return claims;
    }
}
