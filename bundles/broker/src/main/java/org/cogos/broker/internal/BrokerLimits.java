package org.cogos.broker.internal;

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

    private static final int MIN_MESSAGE_BYTES = 1024;
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
    private static final int MAX_QUEUED_MESSAGES = 1_000_000;
    private static final long MIN_QUEUED_BYTES = 1024L * 1024;
    private static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024 * 1024;
    private static final int MAX_CLIENTS = 100_000;
    private static final int MAX_SESSION_EXPIRY_SECONDS = 365 * 24 * 3600;
    private static final int MAX_RETAINED_MESSAGES = 10_000_000;
    private static final int MAX_CONNECT_TIMEOUT_SECONDS = 300;

    BrokerLimits {
        check("maxMessageBytes", maxMessageBytes, MIN_MESSAGE_BYTES, MAX_MESSAGE_BYTES);
        check("maxQueuedMessagesPerClient", maxQueuedMessagesPerClient, 1, MAX_QUEUED_MESSAGES);
        check("maxQueuedBytesPerClient", maxQueuedBytesPerClient, MIN_QUEUED_BYTES, MAX_QUEUED_BYTES);
        check("maxClients", maxClients, 1, MAX_CLIENTS);
        check("maxSessionExpirySeconds", maxSessionExpirySeconds, 0, MAX_SESSION_EXPIRY_SECONDS);
        check("maxRetainedMessages", maxRetainedMessages, 0, MAX_RETAINED_MESSAGES);
        check("connectTimeoutSeconds", connectTimeoutSeconds, 1, MAX_CONNECT_TIMEOUT_SECONDS);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
