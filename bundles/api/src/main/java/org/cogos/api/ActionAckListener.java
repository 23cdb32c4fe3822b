package org.cogos.api;

/**
 * Whiteboard: register a service of this type to learn how robots answered the actions sent to them.
 * Called on the outbox's thread, once per acknowledged action; must return quickly and not block.
 */
public interface ActionAckListener {

    void actionAcknowledged(ActionAck ack);
}
