package org.cogos.api.admin;

import java.util.Map;
import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;

/** Health of the MQTT link, for the shell and monitoring. */
@ProviderType
public interface MqttStatistics {

    /** @return the broker URI this link uses */
    String serverUri();

    /** @return true while the main connection is connected to the broker */
    boolean isConnected();

    /**
     * @return every connection of the link by its client id, whether connected: the main one first (sensors,
     *         robot status, errors), then those of its own traffic (the outbox's, {@code <clientId>-actions})
     */
    Map<String, Boolean> connections();

    /**
     * Counters since the link started, by name: the {@link MqttCounter#key()} of each counter that has counted,
     * {@code errors.<code>} for refused percepts by error code, and a second connection's own counters under its
     * role ({@code actions.connection.connects}).
     */
    SortedMap<String, Long> counters();
}
