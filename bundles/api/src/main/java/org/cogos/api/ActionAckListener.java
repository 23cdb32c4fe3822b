package org.cogos.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to learn how robots answered the actions sent to them.
 * Called on the outbox's thread, once per acknowledged action; must return quickly and not block.
 */
@ConsumerType
public interface ActionAckListener {

    void actionAcknowledged(ActionAck ack);
}
