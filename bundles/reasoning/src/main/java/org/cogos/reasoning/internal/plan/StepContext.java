package org.cogos.reasoning.internal.plan;

import java.util.List;

/**
 * What a running step sees: itself, the values of its inputs and its own (already consumed) resource tokens.
 * Immutable; valid during the step only.
 */
public final class StepContext {

    private final Plan plan;
    private final Step step;
    private final Object[] inputValues;
    private final List<LinearResource> resources;

    StepContext(Plan plan, Step step, Object[] inputValues, List<LinearResource> resources) {
        this.plan = plan;
        this.step = step;
        this.inputValues = inputValues;
        this.resources = resources;
    }

    /** @return the id of the plan (the decision) the step belongs to */
    public String planId() {
        return plan.id();
    }

    /** @return the robot the plan is for */
    public String robotId() {
        return plan.robotId();
    }

    /** @return the step running */
    public Step step() {
        return step;
    }

    /**
     * @return the value of input {@code name}, produced by its upstream step
     * @throws IllegalArgumentException naming the input when the step has no such input or declares another type
     */
    public <T> T input(String name, ValueType<T> type) {
        List<StepInput> inputs = step.inputs();
        for (int index = 0; index < inputs.size(); index++) {
            StepInput input = inputs.get(index);
            if (input.name().equals(name)) {
                if (!input.type().equals(type)) {
                    throw new IllegalArgumentException("step '" + step.id() + "' input '" + name + "' is "
                            + input.type().describe() + ", not " + type.describe());
                }
                return type.javaType().cast(inputValues[index]);
            }
        }
        throw new IllegalArgumentException("step '" + step.id() + "' has no input '" + name + "'");
    }

    /** @return the step's own tokens, consumed in its name, in the order it claimed them */
    public List<LinearResource> resources() {
        return resources;
    }
}
