package org.cogos.reasoning.internal.plan;

/**
 * What a step does when it runs, e.g. create the robot action for {@code approach}. One function usually serves a
 * whole plan, dispatching on {@code context.step().operation()}. Must be thread-safe when the executor runs steps
 * in parallel.
 */
@FunctionalInterface
public interface StepFunction {

    /**
     * Runs one step. Its tokens are already consumed in its name when this is called.
     *
     * @param context the step, its inputs and its resources
     * @return a value of the step's output type; {@code null} when that is {@link ValueType#NONE}
     * @throws Exception when the step fails; its dependants are then skipped
     */
    Object run(StepContext context) throws Exception;
}
