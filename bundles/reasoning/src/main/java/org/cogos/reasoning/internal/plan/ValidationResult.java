package org.cogos.reasoning.internal.plan;

import java.util.List;

/** The outcome of validating a plan: every problem, and the runnable plan when there are none. Immutable. */
public final class ValidationResult {

    private final Plan plan;
    private final List<PlanProblem> problems;
    private final ValidatedPlan validated;

    ValidationResult(Plan plan, List<PlanProblem> problems, ValidatedPlan validated) {
        this.plan = plan;
        this.problems = List.copyOf(problems);
        this.validated = validated;
    }

    /** @return the plan validated */
    public Plan plan() {
        return plan;
    }

    /** @return whether no problem was found */
    public boolean isValid() {
        return validated != null;
    }

    /** @return every problem found: duplicates, missing upstreams, type mismatches, cycles, then resources */
    public List<PlanProblem> problems() {
        return problems;
    }

    /**
     * @return the plan, ready to run
     * @throws PlanRejectedException listing every problem when it is not valid
     */
    public ValidatedPlan validPlan() {
        if (validated == null) {
            throw new PlanRejectedException(plan, problems);
        }
        return validated;
    }
}
