package org.cogos.audio.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cogos.api.Percept;
import org.cogos.api.PerceptRouter;

/** The module's collaborator in tests: keeps what is submitted, or refuses it as a full router does. */
final class RecordingRouter implements PerceptRouter {

    final List<Percept> submitted = new CopyOnWriteArrayList<>();
    volatile boolean full;

    @Override
    public void submit(Percept percept) {
        if (full) {
            throw new IllegalStateException("router lane full (4 percepts)");
        }
        submitted.add(percept);
    }

    List<String> payloads() {
        return submitted.stream().map(p -> new String(p.payload(), StandardCharsets.UTF_8)).toList();
    }
}
