package org.cogos.api;

import org.osgi.annotation.versioning.ProviderType;

/** Delivers actions to robots. The MQTT outbox implements it with at-least-once delivery. */
@ProviderType
public interface ActionSink {

    /**
     * Accept an action for delivery. Returns once the action is stored for sending, not once it is delivered.
     *
     * @throws IllegalStateException when the outbox is full
     */
    void send(Action action);
}
