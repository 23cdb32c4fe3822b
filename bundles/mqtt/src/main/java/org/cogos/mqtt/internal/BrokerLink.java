package org.cogos.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.cogos.api.Names;
import org.cogos.api.admin.EmbeddedBrokerLogin;
import org.cogos.api.admin.MqttCounter;
import org.cogos.api.admin.MqttStatistics;
import org.cogos.util.log.LogThrottle;
import org.cogos.util.net.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main MQTT 5 connection of cogos, shared by ingest, registry and error publisher, and the maker of its
 * companions: connections of their own for traffic that must not wait behind the sensors' (the outbox's actions
 * and acks, {@link #companion}).
 *
 * <p>Clean start is off and the session outlives disconnects ({@code sessionExpirySeconds}), so the broker keeps
 * cogos' subscriptions and queues robot messages while cogos reconnects or restarts. Every message goes through
 * Paho's single global callback thread (per-subscription listeners are unreliable in Paho 1.2.5), which keeps
 * per-robot arrival order for everything downstream.
 *
 * <p>QoS 1 messages are acknowledged to the broker only after a component took them (manual acks). A message
 * whose topic no component takes yet — the broker delivers queued messages right after connecting, possibly
 * before ingest is active; ingest may be restarting — is held unacknowledged and handed over in order when a
 * component subscribes to it. Held messages that are still unclaimed when the link closes stay with the broker
 * and come back on the next connection, so a restart of the link loses nothing.
 *
 * <p>Each connection attempt uses a new Paho client (same client id, same session at the broker), scheduled by
 * {@link ReconnectBackoff}, not Paho's automatic reconnect. A new client has nothing in flight to resend, and Paho
 * 1.2.5 resends an in-flight QoS 1 message with the topic alias of the lost connection and no topic; a broker that
 * offers aliases (Mosquitto's default) then closes every resumed connection as a protocol error, for ever
 * (eclipse-paho/paho.mqtt.java#1104). What a lost client had in flight is not lost: the outbox publishes every
 * unacknowledged action again on each connection, and the broker redelivers the robot messages cogos had not
 * acknowledged.
 */
@Component(service = {BrokerLink.class, MqttStatistics.class}, configurationPid = MqttConfig.PID,
        immediate = true)
@Designate(ocd = MqttConfig.class)
public final class BrokerLink implements MqttStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    private static final long CLOSE_TIMEOUT_MS = 2000;
    private static final long SUBSCRIBE_WAIT_MS = 5000;

    private final MqttOptions options;
    /** The configured client id for the main link; that and {@code -role} for a companion. */
    private final String clientId;
    /** A companion's role ("actions"); null for the main link. */
    private final String role;
    /** The main link's companions by role, for {@link #connections()} and {@link #counters()}. */
    private final Map<String, BrokerLink> companions = new ConcurrentHashMap<>();
    /** The link that made this companion, which forgets it when it closes; null for the main link. */
    private final BrokerLink mainLink;
    /** Filters this session may hold from an earlier version, now a companion's: unsubscribed on each connection. */
    private final Set<String> releasedFilters = ConcurrentHashMap.newKeySet();
    private final MqttTopics topics;
    private final Counters counters = new Counters();
    /** The client of the current attempt or connection; replaced, on the housekeeper only, by the next attempt. */
    private volatile MqttAsyncClient client;
    /** The connection attempt of {@link #client}: its CONNACK carries the broker's Receive Maximum. */
    private volatile IMqttToken connectToken;
    /** Makes the window check and the QoS 1 publication after it one step (see {@link #publish}). */
    private final Object publishLock = new Object();
    /** Whether {@link #client} has made its attempt; the housekeeper's only. */
    private boolean attemptMade;
    private final MqttConnectionOptions connectOptions;
    /** Makes every connection attempt and expires held messages. */
    private final ScheduledExecutorService housekeeper;
    private final ReconnectBackoff backoff;
    /** An unreachable broker fails an attempt up to every reconnectMaxDelayMs: logged on a throttle. */
    private final LogThrottle connectFailureLog = new LogThrottle();

    private final Object dispatchLock = new Object();
    private final List<Subscription> subscriptions = new ArrayList<>(); // guarded by dispatchLock
    /** Every filter ever subscribed, with its highest QoS; renewed on each connection. Guarded by dispatchLock. */
    private final Map<String, Integer> brokerFilters = new LinkedHashMap<>();
    private final ArrayDeque<Held> unclaimed = new ArrayDeque<>(); // guarded by dispatchLock
    private final LogThrottle unclaimedDropLog = new LogThrottle();
    /** Counts clients (attempts); packet ids are only valid for acks on the connection they came in on. */
    private int connectionEpoch; // guarded by dispatchLock
    private final List<BiConsumer<String, MqttMessage>> observers = new CopyOnWriteArrayList<>();
    private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** The embedded broker's service account, used when no user name is configured; null without that broker. */
    private final EmbeddedBrokerLogin embeddedLogin;

    /**
     * Greedy: when the embedded broker's component comes (or goes) this link is made again with (or without) its
     * service account; it normally starts before this bundle (start level 79).
     */
    @Activate
    public BrokerLink(MqttConfig config, @Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) EmbeddedBrokerLogin embeddedLogin) {
        this(MqttOptions.from(config), embeddedLogin);
    }

    /** Outside OSGi (tests, benchmarks): the configured user name, if any. */
    public BrokerLink(MqttOptions options) {
        this(options, null);
    }

    private BrokerLink(MqttOptions options, EmbeddedBrokerLogin embeddedLogin) {
        this(options, embeddedLogin, null, null);
    }

    /** Starts connecting in the background; never blocks on the broker. */
    private BrokerLink(MqttOptions options, EmbeddedBrokerLogin embeddedLogin, BrokerLink mainLink, String role) {
        this.options = options;
        this.embeddedLogin = embeddedLogin;
        this.mainLink = mainLink;
        this.role = role;
        this.clientId = role == null ? options.clientId() : options.clientId() + "-" + role;
        this.topics = new MqttTopics(options.topicPrefix());
        client = newClient();
        connectOptions = connectOptions(options, topics, mainLink == null);
        backoff = new ReconnectBackoff(options.reconnectMaxDelayMs());
        housekeeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, role == null ? "cogos-mqtt-link" : "cogos-mqtt-link-" + role);
            thread.setDaemon(true);
            return thread;
        });
        housekeeper.execute(this::connect);
        housekeeper.scheduleWithFixedDelay(this::expireUnclaimed, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * A connection of its own to the same broker, with the same settings and credentials, as client
     * {@code clientId-role}: its own session, so its own queue at the broker, its own socket and its own Paho
     * delivery thread. Without one, a robot's ack (and so the next action) waited behind every camera frame and WAV
     * the broker had queued for cogos's session: over a gigabyte in the soak benchmark, with the outbox full and
     * stops among the actions held back. A companion has no will and never announces cogos's status; it is closed
     * by its maker, before this link.
     */
    BrokerLink companion(String companionRole) {
        if (mainLink != null) {
            throw new IllegalStateException("a companion link makes no companions");
        }
        Names.requireName("role", companionRole);
        BrokerLink companion = new BrokerLink(options, embeddedLogin, this, companionRole);
        if (companions.putIfAbsent(companionRole, companion) != null) {
            companion.close();
            throw new IllegalStateException("this link has a companion " + companionRole + " already");
        }
        return companion;
    }

    /**
     * Unsubscribes {@code filter} from this link's session at every connection, and acknowledges without a word
     * what still arrives on it: a session kept by the broker from a version that took these messages here, before
     * a companion took them over. Harmless when the session has no such subscription.
     */
    void release(String filter) {
        releasedFilters.add(filter);
        if (client.isConnected()) {
            unsubscribeAtBroker(Set.of(filter));
        }
    }

    private static MqttConnectionOptions connectOptions(MqttOptions options, MqttTopics topics, boolean withWill) {
        MqttConnectionOptions connect = new MqttConnectionOptions();
        connect.setCleanStart(false);
        connect.setSessionExpiryInterval(options.sessionExpirySeconds());
        connect.setKeepAliveInterval(options.keepAliveSeconds());
        // Attempts are this link's, each on a new client (class comment); Paho's own would resend stale aliases.
        connect.setAutomaticReconnect(false);
        connect.setReceiveMaximum(options.maxInflight());
        if (options.uri().startsWith("tcp://")) {
            connect.setSocketFactory(new NoDelaySocketFactory());
        } else if (options.uri().startsWith("ssl://")) {
            connect.setSocketFactory(TlsSockets.of(options));
            connect.setHttpsHostnameVerificationEnabled(options.hostnameVerification());
        }
        if (withWill) {
            connect.setWill(topics.systemStatus(), offlineStatus(options));
        }
        return connect;
    }

    /** cogos's retained {@code offline} status: the main link's will, and what it says when it closes. */
    private static MqttMessage offlineStatus(MqttOptions options) {
        MqttMessage offline = new MqttMessage(Json.status("offline", System.currentTimeMillis(), options.clientId()));
        offline.setQos(1);
        offline.setRetained(true);
        return offline;
    }

    MqttTopics topics() {
        return topics;
    }

    Counters counterSet() {
        return counters;
    }

    @Override
    public String serverUri() {
        return options.uri();
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public Map<String, Boolean> connections() {
        Map<String, Boolean> connections = new LinkedHashMap<>();
        connections.put(clientId, isConnected());
        companions.values().forEach(companion -> connections.putAll(companion.connections()));
        return connections;
    }

    /** This link's counters, and each companion's under its role ({@code actions.connection.connects}). */
    @Override
    public SortedMap<String, Long> counters() {
        SortedMap<String, Long> snapshot = counters.snapshot();
        companions.forEach((name, companion) -> companion.counters.snapshot()
                .forEach((key, value) -> snapshot.put(name + "." + key, value)));
        return snapshot;
    }

    /**
     * Routes messages matching {@code filter} to {@code handler}, first those held because nobody took them yet.
     * When connected and the filter is new, returns once the broker confirmed the subscription (at most
     * {@value #SUBSCRIBE_WAIT_MS} ms), so the caller is live when its activation ends; never call it on the
     * delivery thread. The broker subscription stays when the registration is closed, so messages arriving while
     * a component restarts are held for its successor instead of lost.
     */
    Registration subscribe(String filter, int qos, InboundHandler handler) {
        Subscription subscription = new Subscription(filter, qos, handler);
        boolean newAtBroker;
        synchronized (dispatchLock) {
            subscriptions.add(subscription);
            // A filter the broker already has is not subscribed again: that would replay retained messages.
            newAtBroker = brokerFilters.getOrDefault(filter, -1) < qos;
            brokerFilters.merge(filter, qos, Math::max);
            for (Iterator<Held> held = unclaimed.iterator(); held.hasNext();) {
                Held message = held.next();
                if (MqttTopicValidator.isMatched(filter, message.topic())) {
                    held.remove();
                    deliver(subscription, message.topic(), message.message());
                    acknowledge(message);
                }
            }
        }
        if (newAtBroker && client.isConnected()) {
            IMqttToken token = subscribeAtBroker(Map.of(filter, qos));
            try {
                if (token != null) {
                    token.waitForCompletion(SUBSCRIBE_WAIT_MS);
                }
            } catch (MqttException e) {
                // Not fatal: the subscription is renewed on the next connection.
                LOG.warn("no confirmation of subscription {} yet: {}", filter, e.toString());
            }
        }
        return () -> {
            synchronized (dispatchLock) {
                subscriptions.remove(subscription);
            }
        };
    }

    /** Sees every inbound message before its handler, on the delivery thread; must be quick. */
    Registration observe(BiConsumer<String, MqttMessage> observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    /**
     * Publishes the retained {@code online} system status. Robots read it as "cogos listens to your sensors", so
     * sensor ingest calls it once its subscription is in place (the broker handles one connection's packets in
     * order, so the status follows the SUBSCRIBE), not this connection when it connects: ingest may subscribe only
     * seconds later, and a frame sent on an earlier "online" reached no subscriber.
     */
    void announceOnline() {
        publish(topics.systemStatus(), Json.status("online", System.currentTimeMillis(), options.clientId()), 1,
                true);
    }

    /** Runs after every (re)connection and its resubscription, on Paho's thread: hand work to an own executor. */
    Registration onConnected(Runnable listener) {
        connectListeners.add(listener);
        return () -> connectListeners.remove(listener);
    }

    PublishResult publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttAsyncClient current = client;
        if (!current.isConnected()) {
            return PublishResult.NOT_CONNECTED;
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        message.setRetained(retained);
        try {
            if (qos == 0) {
                current.publish(topic, message);
                return PublishResult.SENT;
            }
            // Paho 1.2.5 takes a packet id before it finds the broker's window full and never gives it back: each
            // REASON_CODE_MAX_INFLIGHT leaks one of the 65,535, and then every publication fails ("no new message
            // IDs being available"; the soak benchmark lost all actions after 30 s that way). So a full window is
            // found here, and Paho is only asked when it has room; only this lock's holders fill it.
            synchronized (publishLock) {
                if (current.getInFlightMessageCount() >= brokerReceiveMaximum()) {
                    return PublishResult.WINDOW_FULL;
                }
                current.publish(topic, message);
            }
            return PublishResult.SENT;
        } catch (MqttException e) {
            switch (e.getReasonCode()) {
                case MqttClientException.REASON_CODE_MAX_INFLIGHT:
                    return PublishResult.WINDOW_FULL;
                case MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED:
                case MqttClientException.REASON_CODE_CLIENT_DISCONNECTING:
                case MqttClientException.REASON_CODE_CONNECTION_LOST:
                case MqttClientException.REASON_CODE_CLIENT_CLOSED:
                case MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS:
                    return PublishResult.NOT_CONNECTED;
                default:
                    LOG.warn("cannot publish {} bytes on {}: {}", payload.length, topic, e.toString());
                    return PublishResult.FAILED;
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot publish on {}: {}", topic, e.getMessage());
            return PublishResult.FAILED;
        }
    }

    /**
     * The broker's Receive Maximum from this connection's CONNACK (MQTT 5: 65,535 when absent); 0 until the CONNACK
     * is read, so nothing is published into a window not known yet.
     */
    private int brokerReceiveMaximum() {
        IMqttToken token = connectToken;
        MqttProperties properties = token == null ? null : token.getResponseProperties();
        if (properties == null) {
            return 0;
        }
        Integer announced = properties.getReceiveMaximum();
        return announced == null ? 65_535 : announced;
    }

    @Deactivate
    public void close() {
        closed = true;
        if (mainLink != null) {
            mainLink.companions.remove(role, this);
        }
        housekeeper.shutdownNow();
        try {
            // An attempt scheduled before shutdownNow() may be replacing the client right now: wait it out.
            housekeeper.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient last = client;
        try {
            if (last.isConnected() && mainLink == null) {
                // A clean DISCONNECT suppresses the will, so say offline explicitly. The session is kept by the
                // broker for sessionExpirySeconds and robot messages queue for the next start.
                last.publish(topics.systemStatus(), offlineStatus(options)).waitForCompletion(CLOSE_TIMEOUT_MS);
            }
            if (last.isConnected()) {
                last.disconnect(CLOSE_TIMEOUT_MS).waitForCompletion(CLOSE_TIMEOUT_MS);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect from {} incomplete: {}", options.uri(), e.toString());
        } finally {
            try {
                last.close(true);
            } catch (MqttException e) {
                LOG.debug("closing the MQTT client: {}", e.toString());
            }
        }
        LOG.info("MQTT link to {} as {} closed", options.uri(), clientId);
    }

    /**
     * The configured user name and password; without one, the embedded broker's service account if it is the
     * broker at our uri. Asked before every connection: the embedded broker may have started since the last.
     */
    private synchronized void setCredentials() {
        String user = options.username();
        String password = options.password();
        if (user.isEmpty() && embeddedLogin != null) {
            Optional<EmbeddedBrokerLogin.Credentials> service = embeddedLogin.credentialsFor(options.uri());
            if (service.isPresent()) {
                user = service.get().user();
                password = service.get().password();
            }
        }
        connectOptions.setUserName(user.isEmpty() ? null : user);
        connectOptions.setPassword(user.isEmpty() ? null : password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A client and its callback. Memory persistence: Paho's default writes files into the working directory;
     * actions that must survive restarts are kept by the outbox itself.
     */
    private MqttAsyncClient newClient() {
        MqttAsyncClient created;
        try {
            created = new MqttAsyncClient(options.uri(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + options.uri() + ": " + e, e);
        }
        created.setCallback(new Callback(created));
        created.setManualAcks(true);
        return created;
    }

    /**
     * One attempt, on the housekeeper: a new client in place of the last one, which failed to connect or lost its
     * connection (the constructor's client makes the first attempt).
     */
    private void connect() {
        if (closed) {
            return;
        }
        MqttAsyncClient attempt = client;
        if (attemptMade) {
            closeQuietly(attempt);
            attempt = newClient();
            synchronized (dispatchLock) {
                connectionEpoch++;
                client = attempt;
            }
        }
        attemptMade = true;
        setCredentials();
        MqttAsyncClient thisAttempt = attempt;
        try {
            connectToken = attempt.connect(connectOptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    backoff.reset();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retryAfter(thisAttempt, failure);
                }
            });
        } catch (MqttException e) {
            retryAfter(attempt, e);
        }
    }

    private void retryAfter(MqttAsyncClient failed, Throwable failure) {
        if (failed != client) {
            return; // a later attempt is already under way
        }
        connectFailureLog.warn(LOG, "cannot connect to MQTT broker " + options.uri() + " (" + failure
                + "); trying again at least every " + options.reconnectMaxDelayMs() + " ms");
        scheduleConnect();
    }

    private static void closeQuietly(MqttAsyncClient old) {
        try {
            if (old.isConnected()) {
                old.disconnectForcibly(0, 0, false);
            }
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the previous MQTT client: {}", e.toString());
        }
    }

    /** The next attempt, after the backoff's delay; none once closed. */
    private void scheduleConnect() {
        if (closed) {
            return;
        }
        try {
            housekeeper.schedule(this::connect, backoff.nextDelayMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("closed while scheduling a connection attempt");
        }
    }

    private void connected() {
        long connections = counters.increment(MqttCounter.CONNECTION_CONNECTS);
        LOG.info("MQTT connected to {} as {}{}", options.uri(), clientId, connections > 1 ? " (reconnect)" : "");
        // Subscribe again every time: a broker restarted without persistence has forgotten the session.
        Map<String, Integer> filters;
        synchronized (dispatchLock) {
            filters = new LinkedHashMap<>(brokerFilters);
        }
        if (!filters.isEmpty()) {
            subscribeAtBroker(filters);
        }
        if (!releasedFilters.isEmpty()) {
            unsubscribeAtBroker(Set.copyOf(releasedFilters));
        }
        for (Runnable listener : connectListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("connect listener failed", e);
            }
        }
    }

    /** @return the pending subscription, or null when the client is not connected */
    private IMqttToken subscribeAtBroker(Map<String, Integer> filters) {
        MqttSubscription[] request = filters.entrySet().stream()
                .map(filter -> new MqttSubscription(filter.getKey(), filter.getValue()))
                .toArray(MqttSubscription[]::new);
        try {
            return client.subscribe(request, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] reasons = token.getReasonCodes();
                    for (int i = 0; reasons != null && i < reasons.length && i < request.length; i++) {
                        if (reasons[i] >= 0x80) {
                            LOG.error("broker refused subscription {} (reason 0x{})", request[i].getTopic(),
                                    Integer.toHexString(reasons[i]));
                        }
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.warn("subscribing to {} failed: {}", filters.keySet(), String.valueOf(failure));
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            // Disconnected meanwhile: the next connection subscribes again.
            LOG.debug("subscribing to {} deferred: {}", filters.keySet(), e.toString());
            return null;
        }
    }

    private void unsubscribeAtBroker(Set<String> filters) {
        try {
            // The reasons are not looked at: "no subscription existed" (0x11) is the usual answer.
            client.unsubscribe(filters.toArray(String[]::new), null, null, new MqttProperties());
        } catch (MqttException e) {
            LOG.debug("unsubscribing {} deferred: {}", filters, e.toString());
        }
    }

    private void dispatch(String topic, MqttMessage message) {
        counters.increment(MqttCounter.INBOUND_MESSAGES);
        for (BiConsumer<String, MqttMessage> observer : observers) {
            try {
                observer.accept(topic, message);
            } catch (RuntimeException e) {
                counters.increment(MqttCounter.INBOUND_HANDLER_FAILURES);
                LOG.warn("observer of {} failed", topic, e);
            }
        }
        synchronized (dispatchLock) {
            Held arrived = new Held(topic, message, connectionEpoch, System.nanoTime());
            boolean claimed = false;
            for (Subscription subscription : subscriptions) {
                if (MqttTopicValidator.isMatched(subscription.filter(), topic)) {
                    claimed = true;
                    deliver(subscription, topic, message);
                }
            }
            if (claimed || isReleased(topic)) {
                acknowledge(arrived);
            } else {
                hold(arrived);
            }
        }
    }

    private void deliver(Subscription subscription, String topic, MqttMessage message) {
        try {
            subscription.handler().handle(topic, message);
        } catch (Exception e) {
            // Never let an exception reach Paho: it would drop the connection. The message is still
            // acknowledged, so that one poisonous message cannot come back for ever.
            counters.increment(MqttCounter.INBOUND_HANDLER_FAILURES);
            LOG.warn("handler of {} failed on {}", subscription.filter(), topic, e);
        }
    }

    /** Sends the QoS 1 PUBACK, unless the message came on an earlier connection (the broker resends those). */
    private void acknowledge(Held message) {
        int qos = message.message().getQos();
        if (qos == 0 || message.epoch() != connectionEpoch) {
            return;
        }
        try {
            client.messageArrivedComplete(message.message().getId(), qos);
        } catch (MqttException e) {
            LOG.debug("cannot acknowledge message {} on {}: {}", message.message().getId(), message.topic(),
                    e.toString());
        }
    }

    private boolean isReleased(String topic) {
        for (String filter : releasedFilters) {
            if (MqttTopicValidator.isMatched(filter, topic)) {
                return true;
            }
        }
        return false;
    }

    private void hold(Held message) {
        if (unclaimed.size() >= options.unclaimedCapacity()) {
            dropUnclaimed(unclaimed.isEmpty() ? message : unclaimed.removeFirst());
            if (options.unclaimedCapacity() == 0) {
                return;
            }
        }
        unclaimed.addLast(message);
    }

    private void expireUnclaimed() {
        long oldest = System.nanoTime() - TimeUnit.SECONDS.toNanos(options.unclaimedHoldSeconds());
        synchronized (dispatchLock) {
            while (!unclaimed.isEmpty() && unclaimed.peekFirst().heldNanos() - oldest < 0) {
                dropUnclaimed(unclaimed.removeFirst());
            }
        }
    }

    private void dropUnclaimed(Held message) {
        acknowledge(message);
        long dropped = counters.increment(MqttCounter.INBOUND_UNCLAIMED_DROPPED);
        if (unclaimedDropLog.occurred()) {
            LOG.warn("no component took MQTT messages like {} (capacity {}, hold {} s); dropped {} so far",
                    message.topic(), options.unclaimedCapacity(), options.unclaimedHoldSeconds(), dropped);
        }
    }

    private record Subscription(String filter, int qos, InboundHandler handler) {
    }

    private record Held(String topic, MqttMessage message, int epoch, long heldNanos) {
    }

    /** The callback of one client; what a replaced client still reports is ignored. */
    private final class Callback implements MqttCallback {

        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (owner == client) {
                dispatch(topic, message);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (owner == client) {
                connected();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (closed || owner != client) {
                return;
            }
            counters.increment(MqttCounter.CONNECTION_LOST);
            LOG.warn("MQTT connection to {} lost ({}); reconnecting", options.uri(), describe(response));
            scheduleConnect();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error on {}: {}", options.uri(), exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Outbox completion is the robot's ack, not the broker's PUBACK.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is configured.
        }

        private String describe(MqttDisconnectResponse response) {
            if (response == null) {
                return "no reason";
            }
            if (response.getException() != null) {
                return response.getException().toString();
            }
            return "reason code " + response.getReturnCode()
                    + (response.getReasonString() == null ? "" : ": " + response.getReasonString());
        }
    }
}
