package org.cogos.rules.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * What "it" and "them" stand for: the object (with its colour, when said) of each robot's previous command about a
 * thing. The engine is one service for all robots, so this is keyed by robot and bounded: past
 * {@code rememberedRobots} robots, the one least recently commanded is forgotten. Thread-safe; robots are decided
 * on several routing threads at once, each holding the lock only for a map operation.
 */
final class CommandMemory {

    /** An object as said: {@code cup}, with {@code red} or null. */
    record Thing(String object, String colour) {
    }

    private final LinkedHashMap<String, Thing> last = new LinkedHashMap<>(16, 0.75f, true);

    synchronized Thing recall(String robotId) {
        return last.get(robotId);
    }

    synchronized void remember(String robotId, Thing thing, int capacity) {
        last.put(robotId, thing);
        // The capacity is a live parameter, so a lowered one trims here rather than in removeEldestEntry.
        Iterator<String> eldest = last.keySet().iterator();
        while (last.size() > capacity) {
            eldest.next();
            eldest.remove();
        }
    }

    synchronized int size() {
        return last.size();
    }
}
