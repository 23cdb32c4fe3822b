package org.cogos.coordinator.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cogos.api.Action;
import org.cogos.api.Observation;
import org.cogos.api.Scene;
import org.cogos.api.admin.DecidedScene;

/**
 * What the coordinator remembers of one robot. Every method must be called holding the object's monitor; the
 * coordinator takes it for the whole of an observation's handling so a robot's scenes stay in order.
 */
final class RobotState {

    private final String robotId;
    /** Observations kept per modality for the scene window, at least a second of a 30 Hz camera. */
    static final int RECENT = 32;

    /** The last {@link #RECENT} observations per modality in arrival order, sorted by modality for a stable order. */
    private final Map<String, ArrayDeque<Observation>> recent = new TreeMap<>();
    private long sceneSequence;
    /** "type/label" of each action of the last decision sent. */
    private List<String> lastSentDecision = List.of();
    private long lastSentNanos;
    private long lastSeenNanos;
    /** Until when a commanded stop holds back motion actions; meaningful only while {@link #latch} is set. */
    private long latchedUntilNanos;
    private boolean latch;
    /** The id of the commanded motion under way, or null; see {@link #commanded}. */
    private String commandedMotion;
    private long commandHoldUntilNanos;
    private boolean evicted;
    private DecidedScene latest;

    RobotState(String robotId, long nowNanos) {
        this.robotId = robotId;
        this.lastSeenNanos = nowNanos;
    }

    String robotId() {
        return robotId;
    }

    /**
     * Adds the observation and fuses the scene it triggers. Times are the observations' ingest times, so the
     * window is measured on the robot's own timeline, not on when the modules finished. The window reaches both
     * ways, and each modality contributes the observation nearest the trigger, not merely its newest: a derived
     * percept (audio's transcript) carries its source's ingest time and reaches the coordinator after observations
     * of percepts ingested later — modalities run in parallel, and a camera streaming meanwhile has moved on — and
     * its scene must still hold what was seen when the words were said. The last {@value #RECENT} observations of
     * each modality are kept for that; idle robots are forgotten whole.
     */
    Scene fuse(Observation trigger, long windowNanos, long nowNanos) {
        lastSeenNanos = nowNanos;
        ArrayDeque<Observation> kept = recent.computeIfAbsent(trigger.modality(), m -> new ArrayDeque<>(RECENT));
        if (kept.size() == RECENT) {
            kept.removeFirst();
        }
        kept.addLast(trigger);
        List<Observation> inWindow = new ArrayList<>(recent.size());
        for (Map.Entry<String, ArrayDeque<Observation>> modality : recent.entrySet()) {
            Observation chosen = modality.getKey().equals(trigger.modality()) ? trigger
                    : nearest(modality.getValue(), trigger.receivedNanos(), windowNanos);
            if (chosen != null) {
                inWindow.add(chosen);
            }
        }
        return new Scene(robotId, ++sceneSequence, System.currentTimeMillis(), inWindow, trigger);
    }

    /** The observation ingested nearest {@code atNanos} within the window, the later one of a tie; null if none. */
    private static Observation nearest(ArrayDeque<Observation> observations, long atNanos, long windowNanos) {
        Observation nearest = null;
        long nearestDistance = Long.MAX_VALUE;
        for (Observation o : observations) {
            long distance = Math.abs(atNanos - o.receivedNanos());
            if (distance <= windowNanos && (distance < nearestDistance || distance == nearestDistance
                    && o.receivedNanos() - nearest.receivedNanos() > 0)) {
                nearest = o;
                nearestDistance = distance;
            }
        }
        return nearest;
    }

    /**
     * The same actions (types with their target labels, in order) as the last decision sent, within the
     * suppression time. A whole decision is compared, so an engine that answers with {@code [approach, speak]}
     * is suppressed as one, not sent alternately because each action differs from the one before.
     */
    boolean repeats(List<Action> decision, long atNanos, long suppressionNanos) {
        return suppressionNanos > 0 && keys(decision).equals(lastSentDecision)
                && atNanos - lastSentNanos < suppressionNanos;
    }

    void sent(List<Action> decision, long atNanos) {
        lastSentDecision = keys(decision);
        lastSentNanos = atNanos;
    }

    private static List<String> keys(List<Action> decision) {
        return decision.stream().map(a -> a.type() + "/" + label(a)).toList();
    }

    void latch(long untilNanos) {
        latch = true;
        latchedUntilNanos = untilNanos;
    }

    void unlatch() {
        latch = false;
    }

    boolean latched(long nowNanos) {
        if (latch && nowNanos - latchedUntilNanos >= 0) {
            latch = false; // stopLatchS has passed
        }
        return latch;
    }

    /** A commanded motion is under way: the robot's own behaviours keep off until it ends or untilNanos. */
    void commanded(String actionId, long untilNanos) {
        commandedMotion = actionId;
        commandHoldUntilNanos = untilNanos;
    }

    /** The robot acked {@code actionId}: if it is the commanded motion, that motion is over. */
    void acknowledged(String actionId) {
        if (actionId.equals(commandedMotion)) {
            commandedMotion = null;
        }
    }

    boolean commandUnderWay(long nowNanos) {
        if (commandedMotion != null && nowNanos - commandHoldUntilNanos >= 0) {
            commandedMotion = null; // commandHoldS has passed without an ack
        }
        return commandedMotion != null;
    }

    void decided(DecidedScene scene) {
        latest = scene;
    }

    DecidedScene latest() {
        return latest;
    }

    boolean idleSince(long nowNanos, long idleNanos) {
        return nowNanos - lastSeenNanos > idleNanos;
    }

    /** Marks the state dropped, so a thread that fetched it just before the eviction fetches a fresh one. */
    void evict() {
        evicted = true;
    }

    boolean evicted() {
        return evicted;
    }

    /** The action's target label ({@code label} parameter), empty when it has none. */
    private static String label(Action action) {
        Object label = action.parameters().get("label");
        return label == null ? "" : label.toString();
    }
}
