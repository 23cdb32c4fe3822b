package org.cogos.api.admin;

import java.util.Optional;

/** The coordinator's newest scene of each robot and what was decided on it, for operators ({@code robot:scene}). */
public interface SceneMonitor {

    /** @return the robot's newest scene, empty when the coordinator has none (never heard of it, or forgotten) */
    Optional<DecidedScene> latest(String robotId);
}
