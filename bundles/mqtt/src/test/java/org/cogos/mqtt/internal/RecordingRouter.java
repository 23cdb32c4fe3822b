package org.cogos.mqtt.internal;

import java.util.ArrayList;
import java.util.List;

import org.cogos.api.Percept;
import org.cogos.api.PerceptRouter;

/** Stands in for the runtime's router: records what ingest submits, or refuses like a full router. */
final class RecordingRouter implements PerceptRouter {

    private final List<Percept> percepts = new ArrayList<>();
    private volatile boolean full;

    @Override
    public synchronized void submit(Percept percept) {
        if (full) {
            throw new IllegalStateException("router full (test)");
        }
        percepts.add(percept);
    }

    void full(boolean refuse) {
        full = refuse;
    }

    synchronized int size() {
        return percepts.size();
    }

    synchronized List<Percept> percepts() {
        return new ArrayList<>(percepts);
    }

    synchronized List<Percept> of(String robot) {
        return percepts.stream().filter(p -> p.robotId().equals(robot)).toList();
    }
}
