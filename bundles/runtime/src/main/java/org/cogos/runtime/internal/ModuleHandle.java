package org.cogos.runtime.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cogos.api.CognitiveModule;

/**
 * One bound CognitiveModule service and its calls in flight. A departing module is closed first, so no new call
 * starts, and then waited on until the calls already running have returned; only then does the framework go on
 * to deactivate it (the unbind that closes it runs before the module's own deactivate).
 */
final class ModuleHandle {

    final String name;
    final String modality;
    final long bundleId;
    final int ranking;
    final long serviceId;
    /** Its {@code cogos.backlog}, 0 when it declares none. */
    final int backlog;
    final CognitiveModule module;
    final ModuleMetrics metrics;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger consecutiveFaults = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean quarantined;

    ModuleHandle(String name, String modality, long bundleId, int ranking, long serviceId, int backlog,
            CognitiveModule module, ModuleMetrics metrics) {
        this.name = name;
        this.modality = modality;
        this.bundleId = bundleId;
        this.ranking = ranking;
        this.serviceId = serviceId;
        this.backlog = backlog;
        this.module = module;
        this.metrics = metrics;
    }

    /** @return true when the caller may call the module and must {@link #release()} afterwards */
    boolean tryAcquire() {
        inFlight.incrementAndGet();
        if (closed || quarantined) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (inFlight.decrementAndGet() == 0 && closed) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    boolean usable() {
        return !closed && !quarantined;
    }

    boolean quarantined() {
        return quarantined;
    }

    /** @return true when the fault count just reached the limit and the module is now quarantined */
    boolean fault(int limit) {
        if (consecutiveFaults.incrementAndGet() >= limit && !quarantined) {
            quarantined = true;
            return true;
        }
        return false;
    }

    void succeeded() {
        consecutiveFaults.set(0);
    }

    /** Stop new calls and wait up to {@code timeoutMs} for running ones. @return calls still running */
    int closeAndDrain(long timeoutMs) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (this) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return inFlight.get();
    }
}
