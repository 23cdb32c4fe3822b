package org.cogos.coordinator.internal;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cogos.api.Action;

/**
 * The most recently decided actions of all robots by id, for {@code cog:explain} and the dashboard: a bounded map that forgets the
 * oldest first. Thread-safe; the lock is held for a map insertion per action, off the hot path of any robot's lock.
 */
final class ActionHistory {

    private final Map<String, Action> byId = new LinkedHashMap<>();
    /** Ids in {@link #byId} of the actions sent to their robot (not held back or suppressed as a repeat). */
    private final Set<String> sent = new HashSet<>();
    private int capacity;

    ActionHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void record(List<Action> actions) {
        if (capacity == 0) {
            return;
        }
        for (Action action : actions) {
            byId.put(action.actionId(), action);
        }
        trim();
    }

    /** Marks a recorded action as sent to its robot. */
    synchronized void sent(String actionId) {
        if (byId.containsKey(actionId)) {
            sent.add(actionId);
        }
    }

    synchronized Action find(String actionId) {
        return byId.get(actionId);
    }

    /** The robot's actions sent and still remembered, oldest first, at most {@code max} (the newest). */
    synchronized List<Action> ofRobot(String robotId, int max) {
        if (max == 0) {
            return List.of();
        }
        ArrayDeque<Action> newest = new ArrayDeque<>(Math.min(max, byId.size()));
        for (Action action : byId.values()) {
            if (action.robotId().equals(robotId) && sent.contains(action.actionId())) {
                if (newest.size() == max) {
                    newest.removeFirst();
                }
                newest.addLast(action);
            }
        }
        return List.copyOf(newest);
    }

    synchronized void resize(int newCapacity) {
        capacity = newCapacity;
        trim();
    }

    private void trim() {
        var oldest = byId.keySet().iterator();
        while (byId.size() > capacity) {
            sent.remove(oldest.next());
            oldest.remove();
        }
    }
}
