package org.cogos.coordinator.internal;

import java.util.ArrayList;
import java.util.List;

import org.cogos.api.Action;
import org.cogos.api.ActionSink;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Scene;

/** Real implementations of the coordinator's collaborators that remember what passed through them. */
final class Recorders {

    private Recorders() {
    }

    /** An action sink that keeps every action it accepts. */
    static final class RecordingActionSink implements ActionSink {

        private final List<Action> actions = new ArrayList<>();

        @Override
        public synchronized void send(Action action) {
            actions.add(action);
        }

        synchronized List<Action> actions() {
            return List.copyOf(actions);
        }

        synchronized List<String> types() {
            return actions.stream().map(Action::type).toList();
        }
    }

    /** A decision engine that keeps every scene it is given and lets another engine decide. */
    static final class RecordingEngine implements DecisionEngine {

        private final DecisionEngine decider;
        private final List<Scene> scenes = new ArrayList<>();

        RecordingEngine(DecisionEngine decider) {
            this.decider = decider;
        }

        @Override
        public List<Action> decide(Scene scene) {
            synchronized (this) {
                scenes.add(scene);
            }
            return decider.decide(scene);
        }

        synchronized List<Scene> scenes() {
            return List.copyOf(scenes);
        }
    }
}
