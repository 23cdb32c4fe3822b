package org.cogos.reasoning.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How every step of an executed plan ended, in the plan's topological order (the same order whether the steps
 * ran one at a time or in parallel).
 *
 * @param planId the plan
 * @param steps  one result per step, in topological order
 */
public record PlanResult(String planId, List<StepResult> steps) {

    /** Copies the results. */
    public PlanResult {
        Objects.requireNonNull(planId, "planId");
        steps = List.copyOf(steps);
    }

    /** @return whether every step succeeded */
    public boolean succeeded() {
        for (StepResult step : steps) {
            if (!step.succeeded()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the result of step {@code stepId}
     * @throws IllegalArgumentException naming the step when the plan has none such
     */
    public StepResult step(String stepId) {
        for (StepResult step : steps) {
            if (step.stepId().equals(stepId)) {
                return step;
            }
        }
        throw new IllegalArgumentException("plan '" + planId + "' has no step '" + stepId + "'");
    }

    /** @return the values of the succeeded steps whose output type is {@code type}, in topological order */
    public <T> List<T> values(ValueType<T> type) {
        List<T> values = new ArrayList<>();
        for (StepResult step : steps) {
            if (step.succeeded() && step.output().equals(type)) {
                values.add(type.javaType().cast(step.value()));
            }
        }
        return values;
    }

    /** @return the results of the steps that failed or were skipped */
    public List<StepResult> unsuccessful() {
        List<StepResult> unsuccessful = new ArrayList<>();
        for (StepResult step : steps) {
            if (!step.succeeded()) {
                unsuccessful.add(step);
            }
        }
        return unsuccessful;
    }
}
