package org.cogos.robotsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cogos.util.net.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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

/**
 * A robot on MQTT 5, as cogos sees one (docs/mqtt-topics.md):
 * <ul>
 * <li>{@code status}: retained {@code online} after connecting; its last will, also retained, says
 * {@code offline} when the connection dies without a DISCONNECT ({@link #kill()});</li>
 * <li>{@code sensors/lidar}: scans of a {@link ScanSource} at a steady rate ({@link #stream}): a scripted
 * {@link LidarScenario}, or the {@link SimWorld} the robot moves in;</li>
 * <li>{@code actions}: each new action is recorded in {@link #actions()}, given to the listeners, and
 * acknowledged on {@code acks}: with status {@code done} on arrival, or, with an {@link #setExecutor executor}
 * such as {@link WorldActions}, when it has been carried out. A repeated {@code action_id} (at-least-once
 * delivery) is acked again — the first ack may be what got lost — but counted as a duplicate and not passed
 * on.</li>
 * </ul>
 * The publish time of every scan is kept by {@code seq}, so a caller can measure the round trip of an action
 * back to the scan that caused it ({@code source_seq}).
 */
public final class RobotSimulator implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_MS = 10_000;
    /**
     * Messages kept while the robot is disconnected and sent in order once it is connected again: Paho's offline
     * buffer (docs/mqtt-topics.md, "Robots: losing nothing"). A full buffer refuses the next publish.
     */
    public static final int OFFLINE_BUFFER = 10_000;
    /**
     * How long the broker keeps the robot's session (its subscription, the actions queued for it, its QoS 1
     * messages in flight) after the connection is lost; Paho resends what was in flight when it resumes it.
     */
    public static final long SESSION_EXPIRY_SECONDS = 300;
    /** Remembered action ids for duplicate detection; far more than are ever redelivered. */
    private static final int SEEN_IDS = 100_000;

    private final String robotId;
    private final String topicBase;
    private final String systemStatusTopic;
    private final BlockingQueue<String> systemStatus = new LinkedBlockingQueue<>();
    private final int qos;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions connectOptions;
    private final BlockingQueue<ReceivedAction> actions = new LinkedBlockingQueue<>();
    private final List<Consumer<ReceivedAction>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> seenActionIds = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_IDS;
        }
    };
    private final AtomicLong duplicates = new AtomicLong();
    /** Carries out actions; null: each is acked {@code done} on arrival. */
    private volatile ActionExecutor executor;
    /** The final ack of each action carried out, to repeat for its duplicates; guarded by seenActionIds. */
    private final Map<String, String[]> finished = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > SEEN_IDS;
        }
    };
    private final AtomicLong scansPublished = new AtomicLong();
    /** Acks and status updates may wait for the broker's window; Paho's callback thread must not. */
    private final ExecutorService publisher;
    private final PublishTimes publishTimes = new PublishTimes();
    /** The broker's Receive Maximum, from the first CONNACK (MQTT 5: 65,535 when absent). */
    private volatile int brokerReceiveMaximum = 65_535;
    /** Makes the window check and the QoS 1 publication after it one step (see {@link #publish}). */
    private final Object publishLock = new Object();
    private long nextSeq = 1; // the stream's thread only
    private volatile boolean killed;

    /**
     * @param uri         broker, e.g. {@code tcp://127.0.0.1:1883}
     * @param robotId     robot id, a valid cogos name ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}})
     * @param topicPrefix cogos' topic prefix, normally {@code cogos/v1}
     * @param qos         QoS of the scans: 1 (default, nothing lost) or 0
     */
    public RobotSimulator(String uri, String robotId, String topicPrefix, int qos) throws MqttException {
        if (!robotId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("robot id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}: " + robotId);
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1: " + qos);
        }
        this.robotId = robotId;
        this.topicBase = topicPrefix + "/robots/" + robotId + "/";
        this.systemStatusTopic = topicPrefix + "/system/status";
        this.qos = qos;
        this.publisher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "robot-sim-" + robotId);
            thread.setDaemon(true);
            return thread;
        });
        client = new MqttAsyncClient(uri, "robot-sim-" + robotId, new MemoryPersistence());
        client.setCallback(new Callback());
        connectOptions = new MqttConnectionOptions();
        if (uri.startsWith("tcp://")) {
            // A robot's sensor stream is latency-bound: no Nagle delay on its socket.
            connectOptions.setSocketFactory(new NoDelaySocketFactory());
        }
        // The first connection starts a session of its own; reconnections resume it (connect() sets cleanStart
        // false once connected), so nothing in flight at the loss is lost and actions queued meanwhile arrive.
        connectOptions.setCleanStart(true);
        connectOptions.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        connectOptions.setAutomaticReconnect(true);
        connectOptions.setMaxReconnectDelay(1000);
        DisconnectedBufferOptions offline = new DisconnectedBufferOptions();
        offline.setBufferEnabled(true);
        offline.setBufferSize(OFFLINE_BUFFER);
        offline.setPersistBuffer(false);
        offline.setDeleteOldestMessages(false);
        client.setBufferOpts(offline);
        MqttMessage will = new MqttMessage(status("offline"));
        will.setQos(1);
        will.setRetained(true);
        connectOptions.setWill(topicBase + "status", will);
    }

    /**
     * Logs in as its robot id with this password (what {@code robot:add} printed); without it the simulator
     * connects anonymously, which a broker with robot accounts refuses. Call before {@link #connect()}.
     */
    public RobotSimulator setPassword(String password) {
        connectOptions.setUserName(robotId);
        connectOptions.setPassword(password.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Connects, subscribes to its actions and says {@code online}; returns once all three are done. */
    public RobotSimulator connect() throws MqttException {
        IMqttToken connected = client.connect(connectOptions);
        connected.waitForCompletion(TIMEOUT_MS);
        MqttProperties answer = connected.getResponseProperties();
        if (answer != null && answer.getReceiveMaximum() != null) {
            brokerReceiveMaximum = answer.getReceiveMaximum();
        }
        connectOptions.setCleanStart(false);
        subscribeToActions().waitForCompletion(TIMEOUT_MS);
        publish(topicBase + "status", status("online"), 1, true, true);
        return this;
    }

    private IMqttToken subscribeToActions() throws MqttException {
        return client.subscribe(new MqttSubscription[] {new MqttSubscription(topicBase + "actions", 1)}, null, null,
                new MqttProperties());
    }

    /**
     * After a reconnection: the subscription again, in case the broker lost the session (a crash before it saved
     * it), and the status. Pipelined like the acks behind it on the publisher thread: the connection may be lost
     * again before the broker answers, and a wait for that answer would hold those acks back for its timeout.
     */
    private void announceAgain() throws MqttException {
        subscribeToActions();
        publish(topicBase + "status", status("online"), 1, true, false);
    }

    /**
     * Waits until cogos says it is online (its retained system status). cogos's ingest announces that once it has
     * subscribed to the sensor topics, so a single frame sent after this reaches it; one sent before can reach no
     * subscriber and be lost, as MQTT drops messages nobody subscribed to.
     *
     * @return whether cogos said so within the timeout
     */
    public boolean awaitCogosOnline(long timeoutMs) throws MqttException, InterruptedException {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(systemStatusTopic, 1)}, null, null,
                new MqttProperties()).waitForCompletion(TIMEOUT_MS);
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (long left = timeoutMs; left > 0; left = deadline - System.currentTimeMillis()) {
            String status = systemStatus.poll(left, TimeUnit.MILLISECONDS);
            if (status != null && status.contains("\"online\"")) {
                return true;
            }
        }
        return false;
    }

    public String robotId() {
        return robotId;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Every new action, in arrival order. */
    public BlockingQueue<ReceivedAction> actions() {
        return actions;
    }

    /**
     * Lets {@code executor} carry out every new action and ack it when it is finished, instead of acking each
     * {@code done} on arrival. A duplicate of an action still under way is not acked (its ack comes when it
     * ends); one of a finished action gets the same ack again.
     */
    public void setExecutor(ActionExecutor executor) {
        this.executor = executor;
    }

    /** Called on Paho's callback thread for every new action; must be quick. */
    public void addActionListener(Consumer<ReceivedAction> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** @return actions received again with an id already seen (dropped) */
    public long duplicatesDropped() {
        return duplicates.get();
    }

    public long scansPublished() {
        return scansPublished.get();
    }

    /** @return {@link System#nanoTime()} when scan {@code seq} was handed to the client, or -1 if never */
    public long publishedNanos(long seq) {
        return publishTimes.get(seq);
    }

    /**
     * Publishes {@code count} scans of the scenario, frame 0 first, at {@code ratePerSecond} (deadline-paced, no
     * drift; normally the scenario's own rate, faster to compress its time); with {@code count < 0} until
     * {@link #close()}/{@link #kill()} or the thread is interrupted.
     *
     * @return what was sent
     */
    public StreamResult stream(ScanSource scenario, long count, double ratePerSecond) throws MqttException {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0: " + ratePerSecond);
        }
        long periodNanos = Math.round(1e9 / ratePerSecond);
        long start = System.nanoTime();
        long firstSeq = nextSeq;
        long frame = 0;
        for (; count < 0 || frame < count; frame++) {
            if (killed || Thread.currentThread().isInterrupted()) {
                break;
            }
            long due = start + frame * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long seq = nextSeq++;
            byte[] scan = scenario.scan(seq, frame, System.currentTimeMillis());
            publishTimes.put(seq, System.nanoTime());
            publish(topicBase + "sensors/lidar", scan, qos, false, true);
            scansPublished.incrementAndGet();
        }
        return new StreamResult(firstSeq, nextSeq - 1, frame, System.nanoTime() - start);
    }

    /**
     * What {@link #stream} sent.
     *
     * @param firstSeq     {@code seq} of the first scan
     * @param lastSeq      {@code seq} of the last scan
     * @param scans        how many
     * @param elapsedNanos from the first scan's due time to the return
     */
    public record StreamResult(long firstSeq, long lastSeq, long scans, long elapsedNanos) {
    }

    /**
     * Publishes any payload on a topic below this robot's base ({@code sensors/audio}, ...) and waits until the
     * broker has taken it.
     */
    public void publishRaw(String subTopic, byte[] payload, int qos, boolean retained) throws MqttException {
        publish(topicBase + subTopic, payload, qos, retained, true);
    }

    /**
     * Like {@link #publishRaw} but pipelined, as a sensor driver publishes: returns once the message is queued in
     * the client's in-flight window, without waiting for the broker. Order on the connection is kept.
     */
    public void publishPipelined(String subTopic, byte[] payload, int qos) throws MqttException {
        publish(topicBase + subTopic, payload, qos, false, false);
    }

    /**
     * A full window (the broker's Receive Maximum; Paho frees slots a little after the acknowledgement) is waited
     * out rather than reported, and so is a reconnection attempt under way: Paho's offline buffer takes messages
     * between attempts but refuses them ("not connected") during one, which lasts milliseconds. With
     * {@code await}, also waits until the broker takes the message.
     */
    private void publish(String topic, byte[] payload, int messageQos, boolean retained, boolean await)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(messageQos);
        message.setRetained(retained);
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            try {
                IMqttToken token = publishIfRoom(topic, message);
                if (token == null) {
                    throw new MqttException(MqttClientException.REASON_CODE_MAX_INFLIGHT);
                }
                // Disconnected, the message waits in the offline buffer: the robot goes on as a sensor driver
                // would, rather than stall its stream for the outage. Connected, a failure is the caller's to
                // see: the broker may have closed the connection because of this very message.
                if (await && messageQos > 0 && client.isConnected()) {
                    token.waitForCompletion(TIMEOUT_MS);
                }
                return;
            } catch (MqttException e) {
                boolean wait = e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
                        || e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED && !killed;
                if (!wait || System.nanoTime() - giveUp > 0) {
                    throw e;
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /**
     * Paho 1.2.5 takes a packet id before it finds the broker's window full and never gives it back, so after 65,535
     * such refusals every publication fails ("no new message IDs being available"): a full window is found here
     * instead, and Paho asked only when it has room (docs/mqtt-topics.md).
     *
     * @return the publication's token, or null when the window is full
     */
    private IMqttToken publishIfRoom(String topic, MqttMessage message) throws MqttException {
        if (message.getQos() == 0) {
            return client.publish(topic, message);
        }
        synchronized (publishLock) {
            if (client.isConnected() && client.getInFlightMessageCount() >= brokerReceiveMaximum) {
                return null;
            }
            return client.publish(topic, message);
        }
    }

    /**
     * Drops the TCP connection without DISCONNECT, as a crash or a lost network would, so the broker publishes the
     * last will ({@code offline}). The simulator cannot be used afterwards.
     */
    public void kill() throws MqttException {
        killed = true;
        publisher.shutdownNow();
        client.disconnectForcibly(0, 0, false);
        client.close(true);
    }

    /** Says {@code offline} (retained) and disconnects cleanly. */
    @Override
    public void close() throws MqttException {
        if (killed) {
            return;
        }
        killed = true;
        publisher.shutdown();
        try {
            publisher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                publish(topicBase + "status", status("offline"), 1, true, true);
                client.disconnect().waitForCompletion(TIMEOUT_MS);
            }
        } finally {
            client.close(true);
        }
    }

    private static byte[] status(String state) {
        return ("{\"state\":\"" + state + "\",\"stamp\":" + System.currentTimeMillis() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String compactJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private void actionArrived(byte[] payload) {
        long receivedNanos = System.nanoTime();
        long receivedMillis = System.currentTimeMillis();
        JsonNode json;
        try {
            json = MAPPER.readTree(payload);
        } catch (IOException e) {
            System.err.println("robot " + robotId + ": ignored an action that is not JSON: " + e.getMessage());
            return;
        }
        JsonNode id = json == null ? null : json.get("action_id");
        if (id == null || !id.isTextual()) {
            System.err.println("robot " + robotId + ": ignored an action without action_id: " + json);
            return;
        }
        String actionId = id.asText();
        ActionExecutor carrier = executor;
        boolean duplicate;
        String[] ended;
        synchronized (seenActionIds) {
            duplicate = seenActionIds.put(actionId, Boolean.TRUE) != null;
            ended = finished.get(actionId);
        }
        if (carrier == null) {
            acknowledge(actionId, "done", "");
        } else if (ended != null) {
            acknowledge(actionId, ended[0], ended[1]);
        }
        if (duplicate) {
            duplicates.incrementAndGet();
            return;
        }
        Map<String, Object> params = json.has("params")
                ? MAPPER.convertValue(json.get("params"), new TypeReference<Map<String, Object>>() { })
                : Map.of();
        ReceivedAction action = new ReceivedAction(actionId, json.path("type").asText(), params,
                json.path("reason").asText(), json.path("created").asLong(), json.path("scene_seq").asLong(-1),
                json.path("source_seq").asLong(-1), receivedNanos, receivedMillis,
                new String(payload, StandardCharsets.UTF_8));
        actions.add(action);
        for (Consumer<ReceivedAction> listener : listeners) {
            listener.accept(action);
        }
        if (carrier != null) {
            carrier.execute(action, (status, detail) -> {
                synchronized (seenActionIds) {
                    finished.put(actionId, new String[] {status, detail});
                }
                acknowledge(actionId, status, detail);
            });
        }
    }

    private void acknowledge(String actionId, String status, String detail) {
        ObjectNode ack = MAPPER.createObjectNode();
        ack.put("action_id", actionId);
        ack.put("status", status);
        if (!detail.isEmpty()) {
            ack.put("detail", detail);
        }
        ack.put("robot", robotId);
        ack.put("stamp", System.currentTimeMillis());
        byte[] payload = compactJson(ack).getBytes(StandardCharsets.UTF_8);
        // Pipelined, as a robot acks: waiting for each PUBACK would cap acks at one per round trip, below the
        // action rate of a busy stream, and cogos would re-deliver what the robot already has.
        onPublisher(() -> publish(topicBase + "acks", payload, 1, false, false));
    }

    private void onPublisher(MqttTask task) {
        if (killed) {
            return;
        }
        publisher.execute(() -> {
            try {
                task.run();
            } catch (MqttException e) {
                // Disconnected: cogos re-delivers unacknowledged actions, and the robot acks those.
                System.err.println("robot " + robotId + ": " + e);
            }
        });
    }

    /** Carries out actions; see {@link #setExecutor}. */
    @FunctionalInterface
    public interface ActionExecutor {

        /** Called on Paho's callback thread once per new action: must hand the work to a thread of its own. */
        void execute(ReceivedAction action, Ack ack);
    }

    /** Sends an action's ack, once. */
    @FunctionalInterface
    public interface Ack {

        /** @param status {@code done}, {@code failed} or {@code rejected}; @param detail why, or empty */
        void send(String status, String detail);
    }

    @FunctionalInterface
    private interface MqttTask {
        void run() throws MqttException;
    }

    /** Publish times by seq in a growing primitive array: no boxing for long benchmark streams. */
    private static final class PublishTimes {
        private long[] nanos = new long[1024];
        private long offset = -1;

        synchronized void put(long seq, long value) {
            if (offset < 0) {
                offset = seq;
            }
            int index = Math.toIntExact(seq - offset);
            if (index >= nanos.length) {
                nanos = Arrays.copyOf(nanos, Math.max(index + 1, nanos.length * 2));
            }
            nanos[index] = value;
        }

        synchronized long get(long seq) {
            long index = seq - offset;
            return offset < 0 || index < 0 || index >= nanos.length || nanos[(int) index] == 0 ? -1
                    : nanos[(int) index];
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(systemStatusTopic)) {
                systemStatus.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            } else {
                actionArrived(message.getPayload());
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                onPublisher(RobotSimulator.this::announceAgain);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!killed) {
                System.err.println("robot " + robotId + ": connection lost, reconnecting");
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            System.err.println("robot " + robotId + ": " + exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
