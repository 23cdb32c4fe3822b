package org.cogos.coordinator.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.cogos.api.Action;
import org.cogos.api.ActionSink;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Observation;
import org.cogos.api.Scene;
import org.cogos.api.admin.DecidedScene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observation in, scene fused, engine asked, actions sent: the coordinator without OSGi. Observations of one
 * robot are handled one at a time and in order under that robot's lock; different robots run in parallel.
 * Nothing here throws into the caller, which is the runtime's routing thread: every failure is counted.
 */
final class SceneCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(SceneCoordinator.class);

    private final Supplier<BoundEngine> engine;
    private final Supplier<ActionSink> actionSink;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, RobotState> robots = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepNanos;
    private final ActionHistory history;
    private volatile CoordinatorOptions options;

    private final LongAdder observations = new LongAdder();
    private final LongAdder scenes = new LongAdder();
    private final LongAdder actionsSent = new LongAdder();
    private final LongAdder suppressed = new LongAdder();
    private final LongAdder robotsEvicted = new LongAdder();
    private final CountedWarning noEngine;
    private final CountedWarning engineFailures;
    private final CountedWarning undeliverable;
    private final CountedWarning robotsRefused;

    /**
     * @param engine     the decision engine in force with its name, or null when none is bound
     * @param actionSink the action sink in force, or null when none is bound
     * @param events     receives the warning lines, for the module event log
     * @param nanoClock  {@link System#nanoTime()} outside tests; drives robot eviction
     */
    SceneCoordinator(CoordinatorOptions options, Supplier<BoundEngine> engine, Supplier<ActionSink> actionSink,
            Consumer<String> events, LongSupplier nanoClock) {
        this.options = options;
        this.engine = engine;
        this.actionSink = actionSink;
        this.nanoClock = nanoClock;
        this.nextSweepNanos = new AtomicLong(nanoClock.getAsLong());
        this.history = new ActionHistory(options.actionHistory());
        noEngine = new CountedWarning("scenes skipped, no decision engine", LOG, events, nanoClock);
        engineFailures = new CountedWarning("decision engine failures", LOG, events, nanoClock);
        undeliverable = new CountedWarning("undeliverable actions", LOG, events, nanoClock);
        robotsRefused = new CountedWarning("observations refused, maxRobots reached", LOG, events, nanoClock);
    }

    /** The robot's newest scene with its decision, or null. */
    DecidedScene latest(String robotId) {
        RobotState state = robots.get(robotId);
        if (state == null) {
            return null;
        }
        synchronized (state) {
            return state.latest();
        }
    }

    /** A recently decided action by id, or null. */
    Action action(String actionId) {
        return history.find(actionId);
    }

    void update(CoordinatorOptions options) {
        this.options = options;
        history.resize(options.actionHistory());
    }

    CoordinatorOptions options() {
        return options;
    }

    void accept(Observation observation) {
        observations.increment();
        CoordinatorOptions opts = options;
        long now = nanoClock.getAsLong();
        sweepIfDue(now, opts);
        while (true) {
            RobotState state = stateOf(observation.robotId(), now, opts);
            if (state == null) {
                robotsRefused.record("robot " + observation.robotId() + " (" + opts.maxRobots() + " tracked)");
                return;
            }
            synchronized (state) {
                if (!state.evicted()) {
                    handle(state, observation, now, opts);
                    return;
                }
            }
        }
    }

    /**
     * The robot's state, created if there is room; null when maxRobots robots are tracked. Room is made only by
     * the periodic sweep, so a flood of new robot ids cannot make every observation pay for a sweep.
     */
    private RobotState stateOf(String robotId, long now, CoordinatorOptions opts) {
        RobotState state = robots.get(robotId);
        if (state != null) {
            return state;
        }
        if (robots.size() >= opts.maxRobots()) {
            return null;
        }
        // Concurrent first observations of different robots may overshoot maxRobots by the number of threads.
        return robots.computeIfAbsent(robotId, id -> new RobotState(id, now));
    }

    private void handle(RobotState state, Observation observation, long now, CoordinatorOptions opts) {
        Scene scene = state.fuse(observation, opts.windowNanos(), now);
        scenes.increment();
        BoundEngine bound = engine.get();
        if (bound == null) {
            state.decided(new DecidedScene(scene, null, List.of()));
            noEngine.record("robot " + scene.robotId() + " scene " + scene.sequence());
            return;
        }
        DecisionEngine decider = bound.engine();
        List<Action> actions;
        try {
            actions = decider.decide(scene);
        } catch (RuntimeException e) {
            engineFailures.record("robot " + scene.robotId() + " scene " + scene.sequence() + ": " + e);
            return;
        }
        if (actions == null) {
            engineFailures.record("robot " + scene.robotId() + " scene " + scene.sequence() + ": returned null");
            return;
        }
        state.decided(new DecidedScene(scene, bound.name(), actions));
        history.record(actions);
        if (actions.isEmpty()) {
            return;
        }
        // The suppression window runs on the robot's ingest timeline, like the scene window.
        long at = observation.receivedNanos();
        if (state.repeats(actions, at, opts.repeatSuppressionNanos())) {
            suppressed.add(actions.size());
            return;
        }
        boolean allDelivered = true;
        for (Action action : actions) {
            allDelivered &= deliver(action);
        }
        if (allDelivered) {
            state.sent(actions, at);
        }
    }

    /**
     * Hands the action over. A decision with a refused action is not remembered as sent, so the next scene sends
     * it again whole: a robot may get a delivered action twice (new ids), but never misses one.
     */
    private boolean deliver(Action action) {
        ActionSink sink = actionSink.get();
        if (sink == null) {
            undeliverable.record("no action sink for " + action.type() + " " + action.actionId()
                    + " to robot " + action.robotId());
            return false;
        }
        try {
            sink.send(action);
        } catch (RuntimeException e) {
            undeliverable.record(action.type() + " " + action.actionId() + " to robot " + action.robotId()
                    + ": " + e);
            return false;
        }
        actionsSent.increment();
        return true;
    }

    /** Sweeps at most four times per idle period, on whichever routing thread gets there first. */
    private void sweepIfDue(long now, CoordinatorOptions opts) {
        long due = nextSweepNanos.get();
        if (now - due >= 0 && nextSweepNanos.compareAndSet(due, now + opts.robotIdleNanos() / 4)) {
            sweep(now, opts);
        }
    }

    private void sweep(long now, CoordinatorOptions opts) {
        for (RobotState state : robots.values()) {
            synchronized (state) {
                if (!state.evicted() && state.idleSince(now, opts.robotIdleNanos())) {
                    state.evict();
                    robots.remove(state.robotId(), state);
                    robotsEvicted.increment();
                }
            }
        }
    }

    CoordinatorStats stats() {
        return new CoordinatorStats(observations.sum(), scenes.sum(), actionsSent.sum(), suppressed.sum(),
                noEngine.count(), engineFailures.count(), undeliverable.count(), robotsRefused.count(),
                robotsEvicted.sum(), robots.size());
    }
}
