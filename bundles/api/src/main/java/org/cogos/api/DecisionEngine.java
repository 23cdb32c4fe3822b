package org.cogos.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides what a robot should do about a scene. The coordinator uses the highest-ranked engine service;
 * engines can be swapped at run time.
 */
@ConsumerType
public interface DecisionEngine {

    /** Service property: the engine's name, shown in action reasons and by the shell. */
    String ENGINE = "cogos.engine";

    /** @return the actions to send, possibly none; never null */
    List<Action> decide(Scene scene);
}
