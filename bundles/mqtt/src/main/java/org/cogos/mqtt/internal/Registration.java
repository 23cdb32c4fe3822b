package org.cogos.mqtt.internal;

/** Undoes a subscription or listener registration on {@link BrokerLink}. */
@FunctionalInterface
interface Registration extends AutoCloseable {

    @Override
    void close();
}
