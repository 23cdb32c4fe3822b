package org.cogos.broker.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.broker.internal.BrokerConfig.*;

/**
 * The resource limits of a running broker. Every limit is bounded so that one client cannot exhaust the
 * memory of the platform; the bounds are checked here so a bad configuration fails with a clear message.
 *
 * @param maxMessageBytes            largest MQTT packet a client may send; larger ones disconnect it (0x95)
 * @param maxQueuedMessagesPerClient messages waiting per session (offline, slow or at its receive maximum)
 * @param maxQueuedBytesPerClient    payload bytes waiting per session
 * @param maxClients                 sessions held at once: connected clients plus offline persistent sessions
 * @param maxSessionExpirySeconds    cap on the session expiry a client asks for; 0 disables persistent sessions
 * @param maxRetainedMessages        topics with a retained message
 * @param connectTimeoutSeconds      time a new connection has to send CONNECT
 */
record BrokerLimits(
        int maxMessageBytes,
        int maxQueuedMessagesPerClient,
        long maxQueuedBytesPerClient,
        int maxClients,
        int maxSessionExpirySeconds,
        int maxRetainedMessages,
        int connectTimeoutSeconds) {

    BrokerLimits {
        within(PID, "maxMessageBytes", maxMessageBytes, MAX_MESSAGE_BYTES_MIN, MAX_MESSAGE_BYTES_MAX);
        within(PID, "maxQueuedMessagesPerClient", maxQueuedMessagesPerClient, MAX_QUEUED_MESSAGES_PER_CLIENT_MIN,
                MAX_QUEUED_MESSAGES_PER_CLIENT_MAX);
        within(PID, "maxQueuedBytesPerClient", maxQueuedBytesPerClient, MAX_QUEUED_BYTES_PER_CLIENT_MIN,
                MAX_QUEUED_BYTES_PER_CLIENT_MAX);
        within(PID, "maxClients", maxClients, MAX_CLIENTS_MIN, MAX_CLIENTS_MAX);
        within(PID, "maxSessionExpirySeconds", maxSessionExpirySeconds, MAX_SESSION_EXPIRY_SECONDS_MIN,
                MAX_SESSION_EXPIRY_SECONDS_MAX);
        within(PID, "maxRetainedMessages", maxRetainedMessages, MAX_RETAINED_MESSAGES_MIN, MAX_RETAINED_MESSAGES_MAX);
        within(PID, "connectTimeoutSeconds", connectTimeoutSeconds, CONNECT_TIMEOUT_SECONDS_MIN,
                CONNECT_TIMEOUT_SECONDS_MAX);
    }
}
