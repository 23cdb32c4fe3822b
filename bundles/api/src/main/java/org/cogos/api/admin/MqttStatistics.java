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
     * Counters since the link started, by name: the {@link MqttCounter#key()} of each counter that has counted,
     * and {@code errors.<code>} for refused percepts by error code.
     */
    SortedMap<String, Long> counters();
}
