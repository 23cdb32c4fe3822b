package org.cogos.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cogos.api.Percept;
import org.cogos.api.PerceptRouter;

/**
 * Stands in for the runtime's router in a bundle's unit tests: records what is submitted, in order, or refuses it
 * as a full router does (with an {@link IllegalStateException}). Thread-safe: ingest and modules submit from their
 * own threads.
 */
public final class RecordingRouter implements PerceptRouter {

    private final List<Percept> percepts = new ArrayList<>();
    private volatile boolean full;

    @Override
    public synchronized void submit(Percept percept) {
        if (full) {
            throw new IllegalStateException("router full (test)");
        }
        percepts.add(percept);
    }

    /** Refuses every submission from now on while {@code refuse}, as a router whose lane queue is full. */
    public void full(boolean refuse) {
        full = refuse;
    }

    public synchronized int size() {
        return percepts.size();
    }

    /** What was submitted, in order. */
    public synchronized List<Percept> percepts() {
        return new ArrayList<>(percepts);
    }

    /** What was submitted for {@code robot}, in order. */
    public synchronized List<Percept> of(String robot) {
        return percepts.stream().filter(p -> p.robotId().equals(robot)).toList();
    }

    /** The payloads submitted, as UTF-8 text, in order. */
    public synchronized List<String> payloads() {
        return percepts.stream().map(p -> new String(p.payload(), StandardCharsets.UTF_8)).toList();
    }
}
