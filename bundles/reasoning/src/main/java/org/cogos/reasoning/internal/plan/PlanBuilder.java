package org.cogos.reasoning.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.cogos.api.Names;

/**
 * Builds a {@link Plan}, e.g.
 * <pre>{@code
 * PlanBuilder plan = Plan.builder("scene-42", "r1");
 * plan.step("locate", "locate").output(ValueType.TARGET).needs(ResourceClaim.compute(1));
 * plan.step("approach", "approach").input("target", ValueType.TARGET, "locate").needs(ResourceClaim.actuator("base"));
 * plan.step("speak", "speak").needs(ResourceClaim.actuator("speaker"));
 * Plan built = plan.build();
 * }</pre>
 * Not thread-safe: one builder per decision.
 */
public final class PlanBuilder {

    private final String id;
    private final String robotId;
    private final List<Supplier<Step>> steps = new ArrayList<>();

    /** @throws IllegalArgumentException naming a malformed id */
    public PlanBuilder(String id, String robotId) {
        this.id = Names.requireName("plan id", id);
        this.robotId = Names.requireName("robotId", robotId);
    }

    /** @return a builder of the next step, which {@link #build()} includes; it outputs {@link ValueType#NONE} unless told */
    public StepBuilder step(String stepId, String operation) {
        StepBuilder step = new StepBuilder(Names.requireName("step id", stepId),
                Names.requireName("operation of step '" + stepId + "'", operation));
        steps.add(step::build);
        return step;
    }

    /** Adds a step built elsewhere. */
    public PlanBuilder add(Step step) {
        Objects.requireNonNull(step, "step");
        steps.add(() -> step);
        return this;
    }

    /** @return the plan with every step added so far, in the order added */
    public Plan build() {
        List<Step> built = new ArrayList<>(steps.size());
        for (Supplier<Step> step : steps) {
            built.add(step.get());
        }
        return new Plan(id, robotId, built);
    }

    /** Builds one step of the plan. Not thread-safe. */
    public static final class StepBuilder {

        private final String id;
        private final String operation;
        private final List<StepInput> inputs = new ArrayList<>(2);
        private final List<ResourceClaim> resources = new ArrayList<>(2);
        private ValueType<?> output = ValueType.NONE;

        private StepBuilder(String id, String operation) {
            this.id = id;
            this.operation = operation;
        }

        /** Adds the input {@code name} of type {@code type}, fed by step {@code fromStep}. */
        public StepBuilder input(String name, ValueType<?> type, String fromStep) {
            inputs.add(new StepInput(name, type, fromStep));
            return this;
        }

        /** Sets the type of the value the step produces. */
        public StepBuilder output(ValueType<?> type) {
            this.output = Objects.requireNonNull(type, "output");
            return this;
        }

        /** Adds resources the step consumes. */
        public StepBuilder needs(ResourceClaim... claims) {
            for (ResourceClaim claim : claims) {
                resources.add(Objects.requireNonNull(claim, "claim"));
            }
            return this;
        }

        private Step build() {
            return new Step(id, operation, inputs, output, resources);
        }
    }
}
