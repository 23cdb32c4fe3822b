package org.cogos.api.admin;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the embedded MQTT broker is doing right now, for the shell and for monitoring.
 * Counters start at zero each time the broker starts listening.
 */
@ProviderType
public interface BrokerStatus {

    /** The address the broker accepts connections on, or empty while it is off. */
    Optional<InetSocketAddress> listeningAddress();

    /** One line: where it listens, or why it is off (disabled, external broker configured, bind failure). */
    String state();

    /** Clients connected now. */
    int connectedClients();

    /** Sessions held now: connected clients plus offline persistent sessions. */
    int sessions();

    /** PUBLISH packets accepted from clients. */
    long messagesReceived();

    /** PUBLISH packets sent to clients (forwarded, retained and wills). */
    long messagesSent();

    /** Messages not delivered to a client: its queue was full, it was larger than the client accepts, or it was refused. */
    long messagesDropped();

    /** Connections closed because the client broke the protocol: malformed or oversized packets, protocol errors. */
    long protocolErrors();

    /** Connections refused for their credentials: none, an unknown user or a wrong password. */
    long refusedLogins();

    /** Publications (wills included) and subscriptions refused because the client may not use that topic. */
    long refusedOperations();
}
