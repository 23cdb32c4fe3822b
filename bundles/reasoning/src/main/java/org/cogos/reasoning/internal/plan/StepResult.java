package org.cogos.reasoning.internal.plan;

import java.util.Objects;

/**
 * How one step of an executed plan ended.
 *
 * @param stepId    the step
 * @param operation its operation
 * @param output    its declared output type
 * @param status    how it ended
 * @param value     its output when it succeeded, else null
 * @param failure   why it failed when it failed, else null
 * @param reason    a human-readable account: "ok", the failure message, or why it was skipped
 */
public record StepResult(String stepId, String operation, ValueType<?> output, StepStatus status, Object value, Throwable failure,
        String reason) {

    /** Checks the fields match the status. */
    public StepResult {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if ((status == StepStatus.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("step '" + stepId + "' " + status + " with failure " + failure);
        }
    }

    static StepResult succeeded(Step step, Object value) {
        return new StepResult(step.id(), step.operation(), step.output(), StepStatus.SUCCEEDED, value, null, "ok");
    }

    static StepResult failed(Step step, Throwable failure) {
        return new StepResult(step.id(), step.operation(), step.output(), StepStatus.FAILED, null, failure,
                "failed: " + failure);
    }

    static StepResult skipped(Step step, String reason) {
        return new StepResult(step.id(), step.operation(), step.output(), StepStatus.SKIPPED, null, null, reason);
    }

    /** @return whether it succeeded */
    public boolean succeeded() {
        return status == StepStatus.SUCCEEDED;
    }

    /**
     * @return its value as {@code type}
     * @throws IllegalStateException naming the step when it did not succeed or its value is not of {@code type}
     */
    public <T> T value(ValueType<T> type) {
        if (status != StepStatus.SUCCEEDED) {
            throw new IllegalStateException("step '" + stepId + "' has no value: " + reason);
        }
        if (!type.accepts(value)) {
            throw new IllegalStateException("step '" + stepId + "' value is not " + type.describe() + ": " + value);
        }
        return type.javaType().cast(value);
    }
}
