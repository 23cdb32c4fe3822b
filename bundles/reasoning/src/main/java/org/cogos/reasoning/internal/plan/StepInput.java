package org.cogos.reasoning.internal.plan;

import java.util.Objects;

import org.cogos.api.Names;

/**
 * A named input of a step, fed by the output of an upstream step.
 *
 * @param name     the input's name within its step
 * @param type     the type the step expects
 * @param fromStep id of the upstream step whose output feeds it
 */
public record StepInput(String name, ValueType<?> type, String fromStep) {

    /** @throws IllegalArgumentException naming a malformed name or step id */
    public StepInput {
        Names.requireName("input name", name);
        Objects.requireNonNull(type, "type");
        Names.requireName("upstream step id of input '" + name + "'", fromStep);
    }
}
