package org.cogos.reasoning.internal.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.cogos.api.Names;

/**
 * One step of a plan: an operation (e.g. {@code approach}) with typed inputs from upstream steps, a typed output
 * and the resources it needs. Whether the upstream steps exist and produce the right types is the validator's
 * business, so a plan can describe mistakes and have them all reported.
 *
 * @param id        unique within its plan
 * @param operation what it does, used by the step function to pick the behaviour
 * @param inputs    its inputs, names unique
 * @param output    the type of the value it produces, {@link ValueType#NONE} for none
 * @param resources the resources it consumes when it runs
 */
public record Step(String id, String operation, List<StepInput> inputs, ValueType<?> output,
        List<ResourceClaim> resources) {

    /** @throws IllegalArgumentException naming a malformed id or operation, or a repeated input name */
    public Step {
        Names.requireName("step id", id);
        Names.requireName("operation of step '" + id + "'", operation);
        inputs = List.copyOf(inputs);
        Set<String> names = new HashSet<>();
        for (StepInput input : inputs) {
            if (!names.add(input.name())) {
                throw new IllegalArgumentException("step '" + id + "' has two inputs named '" + input.name() + "'");
            }
        }
        Objects.requireNonNull(output, "output");
        resources = List.copyOf(resources);
    }
}
