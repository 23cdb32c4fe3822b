package org.cogos.broker.internal;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.cogos.util.log.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT session of one client id: its subscriptions, the messages waiting for it and the QoS 1 messages
 * it has not acknowledged yet. It outlives its connection when the client asked for a session expiry.
 * Touched by the broker thread only.
 *
 * <p>Order: a message is written at once only when nothing is waiting before it; otherwise it joins the back
 * of the queue, and the queue is drained front first. So every publisher's messages reach this client in the
 * order they were published.
 */
final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    final String clientId;
    private final BrokerCounters counters;
    private final LogThrottle dropLog = new LogThrottle();

    /** Subscriptions by the filter the client sent (including a $share prefix). */
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    /** Packet ids of incoming QoS 2 messages (MQTT 3.1.1 clients) that wait for PUBREL. */
    final Set<Integer> awaitingRelease = new HashSet<>();

    private ClientConnectionHandler connection;
    long sessionExpirySeconds;
    ScheduledFuture<?> expiryTask;
    /** A will whose publication is delayed (Will Delay Interval), or null. */
    ScheduledFuture<?> pendingWillTask;
    Publication pendingWill;

    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** Sent QoS 1 messages by packet id, in the order they were sent (for redelivery with DUP). */
    private final LinkedHashMap<Integer, Delivery> inflight = new LinkedHashMap<>();
    private int nextPacketId = 1;

    Session(String clientId, BrokerCounters counters) {
        this.clientId = clientId;
        this.counters = counters;
    }

    ClientConnectionHandler connection() {
        return connection;
    }

    boolean isOnline() {
        return connection != null;
    }

    /** Whether a QoS 1 message would be written now rather than queued. */
    boolean canSendNow() {
        return connection != null && queue.isEmpty() && connection.isWritable()
                && inflight.size() < connection.receiveMaximum;
    }

    void attach(ClientConnectionHandler c) {
        connection = c;
    }

    void detach() {
        connection = null;
    }

    /** Hands a message to this session: written now, queued, or dropped (counted) when the queue is full. */
    void deliver(Delivery delivery, BrokerLimits limits, long nowNanos) {
        if (delivery.publication().isExpired(nowNanos)) {
            return;
        }
        if (connection == null) {
            // QoS 0 messages are not kept for offline sessions (MQTT allows either; the queue is for QoS 1).
            if (delivery.qos() > 0) {
                enqueue(delivery, limits);
            }
            return;
        }
        if (queue.isEmpty() && connection.isWritable()
                && (delivery.qos() == 0 || inflight.size() < connection.receiveMaximum)) {
            send(delivery, nowNanos);
        } else {
            enqueue(delivery, limits);
        }
    }

    /**
     * When the queue is full the NEWEST message (the one arriving) is dropped. Trade-off: the client then misses
     * the latest data rather than older data, but what it does receive stays a gap-free prefix in publish order,
     * messages already counted as queued are never revoked, and dropping costs O(1). Consumers that only care
     * about the latest value should use retained messages or a short Message Expiry Interval instead.
     */
    private void enqueue(Delivery delivery, BrokerLimits limits) {
        long bytes = delivery.publication().footprint();
        if (queue.size() >= limits.maxQueuedMessagesPerClient()
                || queuedBytes + bytes > limits.maxQueuedBytesPerClient()) {
            dropped(delivery, "queue full (" + queue.size() + " messages, " + queuedBytes + " bytes)");
            return;
        }
        queue.addLast(delivery);
        queuedBytes += bytes;
    }

    /** Writes queued messages while the connection can take them and the receive maximum allows. */
    void drain(long nowNanos) {
        while (connection != null && !queue.isEmpty() && connection.isWritable()) {
            Delivery head = queue.peekFirst();
            if (head.qos() > 0 && inflight.size() >= connection.receiveMaximum) {
                return;
            }
            queue.pollFirst();
            queuedBytes -= head.publication().footprint();
            if (!head.publication().isExpired(nowNanos)) {
                send(head, nowNanos);
            }
        }
    }

    /** After (re)connecting: unacknowledged QoS 1 messages again, with DUP and their packet ids, then the queue. */
    void resume(long nowNanos) {
        for (Map.Entry<Integer, Delivery> e : inflight.entrySet()) {
            connection.writePublish(e.getValue(), e.getKey(), true, nowNanos);
        }
        drain(nowNanos);
    }

    /** PUBACK from the client. */
    void acknowledge(int packetId, long nowNanos) {
        if (inflight.remove(packetId) != null) {
            drain(nowNanos);
        }
    }

    /** Forgets queued and unacknowledged messages (session discarded). */
    void clear() {
        queue.clear();
        queuedBytes = 0;
        inflight.clear();
        awaitingRelease.clear();
    }

    private void send(Delivery delivery, long nowNanos) {
        if (connection.maximumPacketSize < delivery.publication()
                .encodedSize(delivery.qos(), connection.mqtt5, delivery.subscriptionIds())) {
            // MQTT 5 section 3.1.2.11.4: discard what the client said it cannot take, as if it was delivered
            dropped(delivery, "larger than the client's Maximum Packet Size " + connection.maximumPacketSize);
            return;
        }
        if (delivery.qos() == 0) {
            connection.writePublish(delivery, 0, false, nowNanos);
            return;
        }
        int packetId = nextPacketId();
        inflight.put(packetId, delivery);
        connection.writePublish(delivery, packetId, false, nowNanos);
    }

    private int nextPacketId() {
        while (true) {
            int id = nextPacketId;
            nextPacketId = id == 65_535 ? 1 : id + 1;
            if (!inflight.containsKey(id)) {
                return id;
            }
        }
    }

    private void dropped(Delivery delivery, String why) {
        counters.messagesDropped.increment();
        dropLog.warn(LOG, "Client " + clientId + ": dropped a message on " + delivery.publication().topic + ": "
                + why);
    }
}
