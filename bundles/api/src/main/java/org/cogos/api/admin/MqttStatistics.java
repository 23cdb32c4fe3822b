package org.cogos.api.admin;

import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;

/** Health of the MQTT link, for the shell and monitoring. */
@ProviderType
public interface MqttStatistics {

    /** @return the broker URI this link uses */
    String serverUri();

    /** @return true while connected to the broker */
    boolean isConnected();

    /**
     * Counters since the link started, by name: {@code inbound.messages}, {@code ingest.percepts},
     * {@code errors.<code>} (refused percepts by code), {@code outbox.pending}, {@code outbox.redelivered},
     * {@code outbox.dead}, ... (docs/mqtt-topics.md lists them all).
     */
    SortedMap<String, Long> counters();
}
