package org.cogos.shell.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cogos.api.Action;
import org.cogos.api.admin.DecidedScene;
import org.cogos.api.admin.SceneMonitor;

/** The coordinator as the shell sees it: the newest scene of each robot and the actions decided recently. */
final class InMemorySceneMonitor implements SceneMonitor {

    private final Map<String, DecidedScene> scenes = new HashMap<>();
    private final Map<String, Action> actions = new HashMap<>();

    /** Makes {@code decided} its robot's newest scene, and its actions recent ones. */
    InMemorySceneMonitor decided(DecidedScene decided) {
        scenes.put(decided.scene().robotId(), decided);
        decided.actions().forEach(this::decided);
        return this;
    }

    /** Adds a recently decided action. */
    InMemorySceneMonitor decided(Action action) {
        actions.put(action.actionId(), action);
        return this;
    }

    @Override
    public Optional<DecidedScene> latest(String robotId) {
        return Optional.ofNullable(scenes.get(robotId));
    }

    @Override
    public Optional<Action> action(String actionId) {
        return Optional.ofNullable(actions.get(actionId));
    }

    @Override
    public List<Action> recentActions(String robotId, int max) {
        return actions.values().stream().filter(a -> a.robotId().equals(robotId)).limit(max).toList();
    }
}
