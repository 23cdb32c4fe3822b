package org.cogos.reasoning.internal.plan;

/** How a step of an executed plan ended. */
public enum StepStatus {
    /** It ran and produced a value of its output type. */
    SUCCEEDED,
    /** It ran and threw, or produced a value of the wrong type. */
    FAILED,
    /** It did not run because an upstream step did not succeed (or the run was cancelled); its tokens were released. */
    SKIPPED
}
