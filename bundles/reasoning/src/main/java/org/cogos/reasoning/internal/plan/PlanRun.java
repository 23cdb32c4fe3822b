package org.cogos.reasoning.internal.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a validated plan under one lease. Each step either runs, consuming exactly its own tokens first,
 * or is skipped, releasing them; so when the run ends no token of the lease is live.
 *
 * <p>Thread-safe for the parallel mode: a step's result is written before the counters of its dependants are
 * decremented, and the step that brings a counter to zero reads the upstream results after that, so each step
 * sees the results of all its upstream steps.
 */
final class PlanRun {

    private static final Logger LOG = LoggerFactory.getLogger(PlanRun.class);

    private final ValidatedPlan plan;
    private final ResourceLease lease;
    private final StepFunction function;
    private final StepResult[] results;
    private final AtomicIntegerArray waiting;
    private final CountDownLatch unfinished;
    private final AtomicReference<Error> fatal = new AtomicReference<>();
    private volatile boolean cancelled;

    PlanRun(ValidatedPlan plan, ResourceLease lease, StepFunction function) {
        this.plan = plan;
        this.lease = lease;
        this.function = function;
        this.results = new StepResult[plan.size()];
        int[] upstreamCounts = new int[plan.size()];
        for (int step = 0; step < plan.size(); step++) {
            upstreamCounts[step] = plan.upstream(step).length;
        }
        this.waiting = new AtomicIntegerArray(upstreamCounts);
        this.unfinished = new CountDownLatch(plan.size());
    }

    /** Runs every step on the calling thread, in topological order. */
    void runInline() {
        for (int step : plan.order()) {
            String skip = skipReason(step);
            results[step] = skip == null ? run(step) : skip(step, skip);
        }
    }

    /**
     * Runs each step on {@code executor} once all its upstream steps have finished, and waits for all. If the
     * calling thread is interrupted, steps not yet started are skipped, the running ones are waited for, and the
     * interrupt is kept.
     */
    void runOn(Executor executor) {
        for (int step : plan.order()) {
            if (plan.upstream(step).length == 0) {
                StepResult notSubmitted = start(step, executor);
                if (notSubmitted != null) {
                    finish(step, notSubmitted, executor);
                }
            }
        }
        boolean interrupted = false;
        while (true) {
            try {
                unfinished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                cancelled = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the results in topological order
     * @throws Error the first {@link Error} a step threw, once the run is over (it is also the step's failure)
     */
    PlanResult result() {
        Error error = fatal.get();
        if (error != null) {
            throw error;
        }
        List<StepResult> ordered = new ArrayList<>(results.length);
        for (int step : plan.order()) {
            ordered.add(results[step]);
        }
        return new PlanResult(plan.plan().id(), ordered);
    }

    /** @return the result when the step did not go to the executor (skipped or rejected), else null */
    private StepResult start(int step, Executor executor) {
        String skip = skipReason(step);
        if (skip != null) {
            return skip(step, skip);
        }
        try {
            executor.execute(() -> finish(step, run(step), executor));
            return null;
        } catch (RejectedExecutionException e) {
            releaseTokens(step);
            return StepResult.failed(plan.step(step), e);
        }
    }

    /** Records {@code result}, then starts the dependants it was the last upstream of; iterative to bound the stack. */
    private void finish(int first, StepResult result, Executor executor) {
        results[first] = result;
        ArrayDeque<Integer> finished = new ArrayDeque<>();
        finished.add(first);
        while (!finished.isEmpty()) {
            int step = finished.poll();
            for (int dependant : plan.dependants(step)) {
                if (waiting.decrementAndGet(dependant) == 0) {
                    StepResult notSubmitted = start(dependant, executor);
                    if (notSubmitted != null) {
                        results[dependant] = notSubmitted;
                        finished.add(dependant);
                    }
                }
            }
            unfinished.countDown();
        }
    }

    /** @return why the step must not run, or null when all its upstream steps succeeded */
    private String skipReason(int step) {
        if (cancelled) {
            return "skipped: run cancelled";
        }
        for (int from : plan.upstream(step)) {
            StepResult upstream = results[from];
            if (!upstream.succeeded()) {
                return "skipped: upstream step '" + upstream.stepId() + "' " + upstream.status().name().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private StepResult skip(int step, String reason) {
        releaseTokens(step);
        return StepResult.skipped(plan.step(step), reason);
    }

    private void releaseTokens(int step) {
        String releaser = consumerName(step);
        for (LinearResource token : tokens(step)) {
            lease.release(token, releaser);
        }
    }

    private StepResult run(int step) {
        Step definition = plan.step(step);
        try {
            List<LinearResource> tokens = tokens(step);
            String consumer = consumerName(step);
            for (LinearResource token : tokens) {
                lease.consume(token, consumer);
            }
            Object[] inputs = new Object[definition.inputs().size()];
            for (int input = 0; input < inputs.length; input++) {
                inputs[input] = results[plan.inputSource(step, input)].value();
            }
            Object value = function.run(new StepContext(plan.plan(), definition, inputs, tokens));
            if (!definition.output().accepts(value)) {
                return StepResult.failed(definition, new IllegalStateException("step '" + definition.id()
                        + "' (" + definition.operation() + ") returned " + describe(value) + ", expected "
                        + definition.output().describe()));
            }
            return StepResult.succeeded(definition, value);
        } catch (Exception e) {
            LOG.debug("Step '{}' of plan '{}' failed", definition.id(), plan.plan().id(), e);
            return StepResult.failed(definition, e);
        } catch (Error e) {
            // Finish the run (skipping the rest, releasing their tokens) before rethrowing, so nothing leaks.
            fatal.compareAndSet(null, e);
            cancelled = true;
            return StepResult.failed(definition, e);
        }
    }

    private List<LinearResource> tokens(int step) {
        return lease.tokens().subList(plan.firstToken(step), plan.endToken(step));
    }

    private String consumerName(int step) {
        return plan.plan().id() + "/" + plan.step(step).id();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
