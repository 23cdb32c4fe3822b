package org.cogos.coordinator.internal;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.cogos.api.Action;
import org.cogos.api.Scene;

/**
 * Asks the decision engines in rank order until one answers in time: the best-ranked engine decides, and when it
 * throws, returns null or overruns {@code engineTimeoutMs}, the next one decides the same scene. So a faulty RaBAB
 * still lets the rules engine stop the robot.
 *
 * <p>Every engine but the last runs on a thread of this chain's own, so the caller can stop waiting for it; the
 * last has nobody to fall back to and runs on the caller's thread, without a hop (with the rules engine alone,
 * the common case, a scene costs no thread switch). The pool is bounded: an engine that hangs keeps its thread,
 * and once {@link #MAX_THREADS} calls hang, further scenes go straight to the next engine instead of piling up
 * threads.
 */
final class EngineChain implements AutoCloseable {

    /** More than the router's threads that can decide at once; the bound only matters for hanging engines. */
    static final int MAX_THREADS = 64;

    /** The answer and who gave it; {@code by} is null when no engine answered. */
    record Decision(BoundEngine by, List<Action> actions) {
    }

    private final ThreadPoolExecutor executor;

    EngineChain() {
        AtomicInteger threads = new AtomicInteger();
        executor = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "cogos-engine-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * @param engines best-ranked first; may be empty
     * @param failed  told of each engine that did not answer, with why
     */
    Decision decide(List<BoundEngine> engines, Scene scene, long timeoutNanos, Consumer<String> failed) {
        for (int i = 0; i < engines.size(); i++) {
            BoundEngine bound = engines.get(i);
            boolean last = i == engines.size() - 1;
            try {
                List<Action> actions = last ? bound.engine().decide(scene) : onOwnThread(bound, scene, timeoutNanos);
                if (actions != null) {
                    return new Decision(bound, actions);
                }
                failed.accept(bound.name() + " returned null");
            } catch (TimeoutException e) {
                failed.accept(bound.name() + " overran engineTimeoutMs ("
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms)");
            } catch (RejectedExecutionException e) {
                failed.accept(bound.name() + " has " + MAX_THREADS + " calls still running; not asked");
            } catch (ExecutionException e) {
                failed.accept(bound.name() + " threw " + e.getCause());
            } catch (RuntimeException e) {
                failed.accept(bound.name() + " threw " + e);
            } catch (InterruptedException e) {
                // The router is stopping this thread; the scene is still decided, by the engine that runs here.
                Thread.currentThread().interrupt();
                failed.accept(bound.name() + " not awaited: interrupted");
            }
        }
        return new Decision(null, List.of());
    }

    private List<Action> onOwnThread(BoundEngine bound, Scene scene, long timeoutNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        Future<List<Action>> call = executor.submit(() -> bound.engine().decide(scene));
        try {
            return call.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
