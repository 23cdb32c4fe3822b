package org.cogos.broker.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditTrail;
import org.cogos.util.log.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's state: sessions, subscriptions, retained messages. All of it is confined to one Netty event
 * loop, the only thread that runs connection handlers and timers, so there are no locks, every publisher's
 * messages are routed in the order they arrived, and a session takeover cannot race with a delivery.
 */
final class BrokerCore {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerCore.class);
    private static final int[] NO_IDS = new int[0];

    /** What CONNECT led to: the session and whether it existed before (connect returns null when refused). */
    record Attachment(Session session, boolean sessionPresent) {
    }

    private final EventLoop loop;
    final BrokerCounters counters;
    private volatile BrokerLimits limits;

    private final Map<String, Session> sessions = new HashMap<>();
    private final SubscriptionTree subscriptions = new SubscriptionTree();
    private final RetainedStore retained = new RetainedStore();
    private final Set<ClientConnectionHandler> connections = new LinkedHashSet<>();
    /** Connections written to since the last flush; flushed once per event so writes are batched. */
    private final Set<ClientConnectionHandler> unflushed = new LinkedHashSet<>();
    private final LogThrottle retainedFullLog = new LogThrottle();
    /** Set when the broker stops: closing connections then neither publish wills nor schedule expiry. */
    private boolean stopping;
    /** Shared by all connections, so a client that reconnects and misbehaves in a loop cannot flood the log. */
    final LogThrottle protocolLog = new LogThrottle();
    final LogThrottle refusalLog = new LogThrottle();
    /**
     * Logins and operations refused by {@link BrokerAuth}: apart from {@link #refusalLog} (limits), so that a
     * client hitting a limit cannot hide a robot trying another's topics.
     */
    private final LogThrottle accessRefusals = new LogThrottle();

    private final BrokerAuth auth;
    private final Supplier<AuditTrail> audit;

    /** @param audit the audit trail, or null while there is none */
    BrokerCore(EventLoop loop, BrokerLimits limits, BrokerCounters counters, BrokerAuth auth,
            Supplier<AuditTrail> audit) {
        this.loop = loop;
        this.limits = limits;
        this.counters = counters;
        this.auth = auth;
        this.audit = audit;
    }

    /**
     * A login or an operation {@link BrokerAuth} refused, counted by the caller: logged and audited on one throttle
     * (the first, then at most one per interval, each with the running total), because a robot can repeat one at
     * its message rate, and the audit trail is forced to disk record by record on this event loop.
     */
    void refuseAccess(Logger log, String message, String actor, String action, String target) {
        if (accessRefusals.occurred()) {
            long soFar = accessRefusals.count();
            log.warn("{} ({} so far)", message, soFar);
            AuditTrail trail = audit.get();
            if (trail != null) {
                trail.record(actor, action, target, AuditOutcome.REFUSED,
                        message + " (" + soFar + " refused so far)");
            }
        }
    }

    BrokerAuth auth() {
        return auth;
    }

    /** Disconnects every connection of this user (MQTT 5: reason 0x87): its account was removed. */
    void disconnectUser(String user) {
        for (ClientConnectionHandler c : new ArrayList<>(connections)) {
            if (c.isUser(user)) {
                c.accountRemoved();
            }
        }
        flush();
    }

    BrokerLimits limits() {
        return limits;
    }

    /** New limits apply to the next message, queue check and connection (packet size limit). */
    void setLimits(BrokerLimits newLimits) {
        limits = newLimits;
    }

    /** Runs a task on the broker thread after a delay, then flushes what it wrote. */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return loop.schedule(() -> {
            task.run();
            flush();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    void markUnflushed(ClientConnectionHandler connection) {
        unflushed.add(connection);
    }

    /**
     * Flushes every connection written to. A flush can make connections write again within it (Netty fires
     * writability changes synchronously, which drain sessions), so it works on a snapshot and repeats until
     * nothing is left: iterating the set itself threw ConcurrentModificationException and killed a connection.
     */
    void flush() {
        while (!unflushed.isEmpty()) {
            ClientConnectionHandler[] batch = unflushed.toArray(new ClientConnectionHandler[0]);
            unflushed.clear();
            for (ClientConnectionHandler c : batch) {
                c.flush();
            }
        }
    }

    void opened(ClientConnectionHandler connection) {
        connections.add(connection);
    }

    String assignClientId() {
        return "cogos-" + UUID.randomUUID();
    }

    /**
     * Binds a connection to the session of its client id. An existing connection of that id is closed (session
     * taken over); a clean start discards the old session, otherwise it is resumed.
     */
    Attachment connect(ClientConnectionHandler connection, String clientId, boolean cleanStart,
            long sessionExpirySeconds) {
        Session existing = sessions.get(clientId);
        if (existing == null && sessions.size() >= limits.maxClients()) {
            return null;
        }
        if (existing != null) {
            ClientConnectionHandler previous = existing.connection();
            if (previous != null) {
                existing.detach();
                counters.connectedClients.decrementAndGet();
                previous.takenOver();
            }
            cancelPendingWill(existing);
            if (existing.expiryTask != null) {
                existing.expiryTask.cancel(false);
                existing.expiryTask = null;
            }
        }
        Session session;
        boolean present = existing != null && !cleanStart;
        if (present) {
            session = existing;
        } else {
            if (existing != null) {
                discard(existing);
            }
            session = new Session(clientId, counters);
            sessions.put(clientId, session);
            counters.sessions.set(sessions.size());
        }
        session.sessionExpirySeconds = sessionExpirySeconds;
        session.attach(connection);
        counters.connectedClients.incrementAndGet();
        return new Attachment(session, present);
    }

    /**
     * A connection closed, for whatever reason. Its session stays for its expiry interval or ends now; its
     * will, unless the client disconnected normally, is published now or after the Will Delay Interval.
     */
    void closed(ClientConnectionHandler connection, Publication will, long willDelaySeconds) {
        connections.remove(connection);
        unflushed.remove(connection);
        if (stopping) {
            return;
        }
        Session session = connection.session;
        if (session == null || session.connection() != connection) {
            // Never connected, or taken over: the session lives on with the new connection.
            if (will != null) {
                publishWill(will);
            }
            return;
        }
        session.detach();
        counters.connectedClients.decrementAndGet();
        if (session.sessionExpirySeconds == 0) {
            discard(session);
            if (will != null) {
                publishWill(will);
            }
            return;
        }
        session.expiryTask = schedule(() -> expire(session), TimeUnit.SECONDS.toNanos(session.sessionExpirySeconds));
        if (will != null) {
            if (willDelaySeconds == 0) {
                publishWill(will);
            } else {
                long delay = Math.min(willDelaySeconds, session.sessionExpirySeconds);
                session.pendingWill = will;
                session.pendingWillTask = schedule(() -> {
                    session.pendingWill = null;
                    session.pendingWillTask = null;
                    publishWill(will);
                }, TimeUnit.SECONDS.toNanos(delay));
            }
        }
    }

    private void expire(Session session) {
        if (session.isOnline() || sessions.get(session.clientId) != session) {
            return;
        }
        Publication will = session.pendingWill;
        cancelPendingWill(session);
        discard(session);
        if (will != null) {
            publishWill(will);
        }
        LOG.debug("Session of {} expired", session.clientId);
    }

    private static void cancelPendingWill(Session session) {
        if (session.pendingWillTask != null) {
            session.pendingWillTask.cancel(false);
            session.pendingWillTask = null;
        }
        session.pendingWill = null;
    }

    private void discard(Session session) {
        for (Subscription s : session.subscriptions.values()) {
            subscriptions.remove(session, s);
        }
        session.subscriptions.clear();
        session.clear();
        if (session.expiryTask != null) {
            session.expiryTask.cancel(false);
            session.expiryTask = null;
        }
        sessions.remove(session.clientId, session);
        counters.sessions.set(sessions.size());
    }

    /** Whether a retained PUBLISH fits the retained store (clearing and replacing always fit). */
    boolean acceptsRetained(Publication p) {
        return retained.accepts(p, limits.maxRetainedMessages());
    }

    /**
     * Routes a message to every matching session (one copy per session, carrying the identifiers of all its
     * matching subscriptions) and to one member of every matching shared group, and updates the retained store.
     * The caller has checked acceptsRetained. Returns the number of sessions it went to.
     */
    int publish(Publication p, long nowNanos) {
        if (p.retain) {
            retained.apply(p);
        }
        Map<Session, MatchedSubscriptions> matched = new LinkedHashMap<>();
        List<SharedGroup> groups = new ArrayList<>(0);
        subscriptions.match(p.topic, new SubscriptionTree.Visitor() {
            @Override
            public void subscription(Session session, Subscription subscription) {
                if (subscription.noLocal() && session.clientId.equals(p.publisherId)) {
                    return;
                }
                matched.computeIfAbsent(session, s -> new MatchedSubscriptions()).add(subscription);
            }

            @Override
            public void sharedGroup(SharedGroup group) {
                groups.add(group);
            }
        });
        BrokerLimits currentLimits = limits;
        for (Map.Entry<Session, MatchedSubscriptions> e : matched.entrySet()) {
            MatchedSubscriptions m = e.getValue();
            e.getKey().deliver(new Delivery(p, Math.min(p.qos, m.maxQos), p.retain && m.retainAsPublished,
                    m.ids()), currentLimits, nowNanos);
        }
        for (SharedGroup group : groups) {
            SharedGroup.Member member = group.pick();
            Subscription s = member.subscription();
            member.session().deliver(new Delivery(p, Math.min(p.qos, s.qos()), p.retain && s.retainAsPublished(),
                    ids(s)), currentLimits, nowNanos);
        }
        return matched.size() + groups.size();
    }

    private void publishWill(Publication will) {
        long now = System.nanoTime();
        Publication p = will.receivedAt(now);
        if (p.retain && !acceptsRetained(p)) {
            retainedFullLog.warn(LOG, "Retained store full (" + limits.maxRetainedMessages()
                    + " topics): the will on " + p.topic + " is delivered but not retained");
            p = p.withRetain(false);
        }
        publish(p, now);
    }

    /** Adds or replaces a subscription; returns whether it is new (for Retain Handling 1). */
    boolean subscribe(Session session, Subscription subscription) {
        Subscription previous = session.subscriptions.put(subscription.key(), subscription);
        if (previous != null) {
            subscriptions.remove(session, previous);
        }
        subscriptions.add(session, subscription);
        return previous == null;
    }

    /** Returns whether the subscription existed. */
    boolean unsubscribe(Session session, String key) {
        Subscription previous = session.subscriptions.remove(key);
        if (previous == null) {
            return false;
        }
        subscriptions.remove(session, previous);
        return true;
    }

    List<Publication> retained(String filter, long nowNanos) {
        return retained.matching(filter, nowNanos);
    }

    /** Closes every connection without publishing wills; the broker is going away. */
    void shutdown() {
        stopping = true;
        for (ClientConnectionHandler c : new ArrayList<>(connections)) {
            c.shutdown();
        }
        flush();
    }

    static int[] ids(Subscription s) {
        return s.subscriptionId() == 0 ? NO_IDS : new int[] {s.subscriptionId()};
    }

    /** What the subscriptions of one session that match a topic add up to. */
    private static final class MatchedSubscriptions {
        int maxQos;
        boolean retainAsPublished;
        private int[] ids = NO_IDS;

        void add(Subscription s) {
            maxQos = Math.max(maxQos, s.qos());
            retainAsPublished |= s.retainAsPublished();
            if (s.subscriptionId() != 0) {
                int[] more = Arrays.copyOf(ids, ids.length + 1);
                more[ids.length] = s.subscriptionId();
                ids = more;
            }
        }

        int[] ids() {
            return ids;
        }
    }
}
