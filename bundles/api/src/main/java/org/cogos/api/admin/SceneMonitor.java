package org.cogos.api.admin;

import java.util.List;
import java.util.Optional;

import org.cogos.api.Action;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The coordinator's newest scene of each robot and what was decided on it, and the actions it decided recently,
 * for operators ({@code robot:scene}, {@code cog:explain}).
 */
@ProviderType
public interface SceneMonitor {

    /** @return the robot's newest scene, empty when the coordinator has none (never heard of it, or forgotten) */
    Optional<DecidedScene> latest(String robotId);

    /**
     * @return a recently decided action by its id, with its provenance; empty when unknown or when so many
     *         actions were decided since that it was forgotten (the coordinator's {@code actionHistory})
     */
    Optional<Action> action(String actionId);

    /**
     * @param max at most this many, the newest kept
     * @return the robot's recently sent actions (not those held back or suppressed as repeats), oldest first, each
     *         with its provenance; from the same history as {@link #action(String)}, so an action listed here can
     *         be explained until it is forgotten
     */
    List<Action> recentActions(String robotId, int max);
}
