package org.cogos.coordinator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.cogos.api.Provenance;
import org.cogos.api.Scene;
import org.cogos.api.admin.DecidedScene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observation in, scene fused, engines asked, actions sent: the coordinator without OSGi. Observations of one
 * robot are handled one at a time under that robot's lock, in the order they arrive (the router keeps each
 * modality's order; different modalities of a robot arrive on different threads); different robots run in
 * parallel. Nothing here throws into the caller, which is the runtime's routing thread: every failure is counted.
 *
 * <p>Safety is applied here, whatever engine decided (docs/actions.md "Stop is sovereign"): a decision on an
 * utterance is never suppressed as a repeat, a commanded {@code stop} latches, holding back motion actions until a
 * resume or {@code stopLatchS}; and an engine that fails or overruns is replaced for that scene by the next one.
 */
final class SceneCoordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SceneCoordinator.class);

    static final String STOP = "stop";
    /** A stop's {@code cause} when a person commanded it. */
    static final String CAUSE_COMMAND = "command";
    /** The provenance role of the sentence "stop" in a stop decided on it (also an obstacle stop on that scene). */
    static final String ROLE_STOP = "stop";
    /** The provenance role of the fact that releases the latch ("go on", "continue", "resume"). */
    static final String ROLE_RESUME = "resume";
    /** The modality of utterances, typed or transcribed: a scene it triggers answers a command. */
    static final String TEXT = "text";
    /** The action types that move the robot (docs/actions.md), held back while a stop latches. */
    static final Set<String> MOTION = Set.of("approach", "move", "turn", "navigate", "follow", "come", "pick",
            "place", "bring", "find");

    private final Supplier<List<BoundEngine>> engines;
    private final EngineChain chain = new EngineChain();
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
    private final LongAdder fallbacks = new LongAdder();
    private final LongAdder latched = new LongAdder();
    private final LongAdder heldForCommand = new LongAdder();
    private final CountedWarning noEngine;
    private final CountedWarning engineFailures;
    private final CountedWarning undeliverable;
    private final CountedWarning robotsRefused;

    /**
     * @param engines    the decision engines bound, best-ranked first, with their names
     * @param actionSink the action sink in force, or null when none is bound
     * @param events     receives the warning lines, for the module event log
     * @param nanoClock  {@link System#nanoTime()} outside tests; drives robot eviction
     */
    SceneCoordinator(CoordinatorOptions options, Supplier<List<BoundEngine>> engines,
            Supplier<ActionSink> actionSink, Consumer<String> events, LongSupplier nanoClock) {
        this.options = options;
        this.engines = engines;
        this.actionSink = actionSink;
        this.nanoClock = nanoClock;
        this.nextSweepNanos = new AtomicLong(nanoClock.getAsLong());
        this.history = new ActionHistory(options.actionHistory());
        noEngine = new CountedWarning("scenes skipped, no decision engine", LOG, events, nanoClock);
        engineFailures = new CountedWarning("decision engine failures, next-ranked engine asked", LOG, events,
                nanoClock);
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

    /** The robot's recently sent actions, oldest first. */
    List<Action> recentActions(String robotId, int max) {
        return history.ofRobot(robotId, max);
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
        List<BoundEngine> bound = engines.get();
        if (bound.isEmpty()) {
            state.decided(new DecidedScene(scene, null, List.of()));
            noEngine.record("robot " + scene.robotId() + " scene " + scene.sequence());
            return;
        }
        String where = "robot " + scene.robotId() + " scene " + scene.sequence() + ": ";
        EngineChain.Decision decision = chain.decide(bound, scene, opts.engineTimeoutNanos(),
                why -> engineFailures.record(where + why));
        if (decision.by() == null) {
            return; // every engine failed, each one counted
        }
        if (decision.by() != bound.get(0)) {
            fallbacks.increment();
        }
        // What the engine decided is shown (robot:scene, cog:explain) before safety holds some of it back, as
        // before repeat suppression: an operator sees what the engine wanted and the counters say what was held.
        state.decided(new DecidedScene(scene, decision.by().name(), decision.actions()));
        history.record(decision.actions());
        boolean onUtterance = TEXT.equals(observation.modality());
        List<Action> actions = applyLatch(state, applyCommandHold(state, decision.actions(), onUtterance, now, opts),
                now, opts);
        if (actions.isEmpty()) {
            return;
        }
        // The suppression window runs on the robot's ingest timeline, like the scene window. A scene an utterance
        // triggered answers what was said, and each command is new ("turn left" twice turns twice); the engines
        // act on a command only on its own scene, so nothing repeats at sensor rate from there. An obstacle stop
        // is suppressed only as an exact repeat of the last decision sent: the robot already holds that stop (a
        // stop holds until the next motion action, and any other decision in between ends the repeat), and the
        // outbox re-delivers it until acked, so dropping the repeat sent at scan rate loses no safety.
        long at = observation.receivedNanos();
        if (!onUtterance && state.repeats(actions, at, opts.repeatSuppressionNanos())) {
            suppressed.add(actions.size());
            return;
        }
        boolean allDelivered = true;
        for (Action action : actions) {
            boolean delivered = deliver(action);
            if (delivered) {
                history.sent(action.actionId());
            }
            allDelivered &= delivered;
        }
        if (allDelivered) {
            state.sent(actions, at);
        }
        if (onUtterance && opts.commandHoldS() > 0) {
            actions.stream().filter(a -> MOTION.contains(a.type())).reduce((first, second) -> second)
                    .ifPresent(motion -> state.commanded(motion.actionId(), now + opts.commandHoldNanos()));
        }
    }

    /**
     * While a commanded motion is under way, motion the robot's own behaviours decide (on scenes no utterance
     * triggered: "approach the person I see") is held back, so that "turn left" is not cut short by an approach;
     * a new command replaces the old one as it should.
     */
    private List<Action> applyCommandHold(RobotState state, List<Action> actions, boolean onUtterance, long now,
            CoordinatorOptions opts) {
        if (onUtterance || !state.commandUnderWay(now)) {
            return actions;
        }
        List<Action> kept = new ArrayList<>(actions.size());
        for (Action action : actions) {
            if (MOTION.contains(action.type())) {
                heldForCommand.increment();
            } else {
                kept.add(action);
            }
        }
        return kept;
    }

    /** The robot's ack of an action: the end of a commanded motion lets its own behaviours move it again. */
    void acknowledged(String robotId, String actionId) {
        RobotState state = robots.get(robotId);
        if (state != null) {
            synchronized (state) {
                state.acknowledged(actionId);
            }
        }
    }

    /**
     * A resume releases the latch; while latched, motion actions are held back (counted, not queued: a motion
     * decided during a stop is stale once the robot goes on); a commanded stop (re)starts the latch.
     */
    private List<Action> applyLatch(RobotState state, List<Action> actions, long now, CoordinatorOptions opts) {
        if (actions.stream().anyMatch(SceneCoordinator::resumes)) {
            state.unlatch();
        }
        List<Action> kept = actions;
        if (state.latched(now)) {
            kept = new ArrayList<>(actions.size());
            for (Action action : actions) {
                if (MOTION.contains(action.type())) {
                    latched.increment();
                } else {
                    kept.add(action);
                }
            }
        }
        if (opts.stopLatchS() > 0 && kept.stream().anyMatch(SceneCoordinator::commandedStop)) {
            state.latch(now + opts.stopLatchNanos());
        }
        return kept;
    }

    /** A stop a person asked for: so the engine says ({@code cause}), or it used the sentence "stop" as a fact. */
    private static boolean commandedStop(Action action) {
        return STOP.equals(action.type()) && (CAUSE_COMMAND.equals(action.parameters().get("cause"))
                || usesFact(action, ROLE_STOP));
    }

    private static boolean resumes(Action action) {
        return usesFact(action, ROLE_RESUME);
    }

    private static boolean usesFact(Action action, String role) {
        for (Provenance.FactUse fact : action.provenance().facts()) {
            if (role.equals(fact.role())) {
                return true;
            }
        }
        return false;
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
                latched.sum(), heldForCommand.sum(), noEngine.count(), engineFailures.count(), fallbacks.sum(), undeliverable.count(),
                robotsRefused.count(), robotsEvicted.sum(), robots.size());
    }

    @Override
    public void close() {
        chain.close();
    }
}
