package org.cogos.reasoning.internal.plan;

import java.util.List;

/** A plan failed validation; carries every problem found. */
public final class PlanRejectedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<PlanProblem> problems;

    PlanRejectedException(Plan plan, List<PlanProblem> problems) {
        super("plan '" + plan.id() + "' for robot '" + plan.robotId() + "' rejected: " + problems);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in the order the validator reports them */
    public List<PlanProblem> problems() {
        return problems;
    }
}
