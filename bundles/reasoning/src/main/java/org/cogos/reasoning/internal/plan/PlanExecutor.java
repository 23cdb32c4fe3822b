package org.cogos.reasoning.internal.plan;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The declarative scheduler's runner: executes a {@link ValidatedPlan} (nothing else) under one
 * {@link ResourceLease} holding every token its steps claim. Steps run in topological order; each consumes exactly
 * its own tokens as it starts; a step that fails makes its dependants skip (reported in the result, their tokens
 * released); the lease is closed however the run ends, so nothing leaks.
 *
 * <p>Inline mode (no executor) runs the steps on the calling thread: the cheapest for the usual 1-3 step
 * decisions whose steps just create robot actions. Parallel mode runs independent steps concurrently on an
 * executor, for steps that do real work. Either way the result lists the steps in the same topological order.
 *
 * <p>Thread-safe: runs of different plans may overlap; they compete for resources through the manager.
 */
public final class PlanExecutor {

    private final ResourceManager resources;
    private final Executor executor;

    /** An executor that runs each plan's steps on the calling thread. */
    public PlanExecutor(ResourceManager resources) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.executor = null;
    }

    /** An executor that runs independent steps in parallel on {@code executor}. */
    public PlanExecutor(ResourceManager resources, Executor executor) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Grants the plan's resources, runs its steps with {@code function} and closes the lease.
     *
     * @return how every step ended, in topological order
     * @throws ResourceUnavailableException naming what is short when the resources are not free; nothing ran
     * @throws Error                        the first {@link Error} a step threw, after the run ended and the lease closed
     */
    public PlanResult execute(ValidatedPlan plan, StepFunction function) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(function, "function");
        PlanRun run;
        try (ResourceLease lease = resources.grant(plan.plan().robotId(), plan.claims())) {
            run = new PlanRun(plan, lease, function);
            if (executor == null || plan.size() <= 1) {
                run.runInline();
            } else {
                run.runOn(executor);
            }
        }
        return run.result();
    }
}
