package org.cogos.api.admin;

import java.util.List;
import java.util.Objects;

import org.cogos.api.Action;
import org.cogos.api.Scene;

/**
 * A scene with the decision made on it.
 *
 * @param scene   the fused scene
 * @param engine  the decision engine asked, or null when none was bound
 * @param actions what the engine decided, before repeat suppression; empty when it decided nothing
 */
public record DecidedScene(Scene scene, String engine, List<Action> actions) {

    public DecidedScene {
        Objects.requireNonNull(scene, "scene");
        actions = List.copyOf(actions);
    }
}
