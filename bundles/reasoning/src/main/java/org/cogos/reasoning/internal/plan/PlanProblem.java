package org.cogos.reasoning.internal.plan;

import java.util.List;
import java.util.Objects;

/**
 * One thing wrong with a plan, found before it runs.
 *
 * @param kind    what is wrong
 * @param stepIds the steps involved, in the order the message names them
 * @param message what is wrong, naming the steps, inputs, types and resources involved
 */
public record PlanProblem(Kind kind, List<String> stepIds, String message) {

    /** What can be wrong with a plan. */
    public enum Kind {
        /** Two or more steps share an id. */
        DUPLICATE_STEP_ID,
        /** An input names an upstream step that is not in the plan. */
        MISSING_UPSTREAM,
        /** An input's type differs from its upstream step's output type. */
        TYPE_MISMATCH,
        /** Steps depend on each other in a circle. */
        CYCLE,
        /** Two steps, or one step twice, claim the same exclusive resource (an actuator). */
        ACTUATOR_CONFLICT,
        /** A step claims a resource the robot does not have. */
        UNKNOWN_RESOURCE,
        /** The steps together claim more of a divisible resource than the robot has. */
        BUDGET_EXCEEDED
    }

    /** Copies the step ids. */
    public PlanProblem {
        Objects.requireNonNull(kind, "kind");
        stepIds = List.copyOf(stepIds);
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
