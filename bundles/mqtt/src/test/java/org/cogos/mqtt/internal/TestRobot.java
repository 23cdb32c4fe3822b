package org.cogos.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cogos.harness.MessageCallback;
import org.cogos.api.ActionAck;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A robot on a real Paho client: status with a last will, sensor messages, actions and errors received, acks.
 * Its own client, so what cogos publishes really crosses the broker.
 */
final class TestRobot implements AutoCloseable {

    static final String PREFIX = "cogos/v1/robots/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String id;
    final LinkedBlockingQueue<JsonNode> actions = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<JsonNode> errors = new LinkedBlockingQueue<>();
    private final MqttAsyncClient client;
    /** Blocking publishes and subscribes inside Paho's callback would deadlock it, so they run here. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private volatile boolean autoAck;

    TestRobot(String uri, String id, boolean autoAck) throws MqttException {
        this.id = id;
        this.autoAck = autoAck;
        client = new MqttAsyncClient(uri, "robot-" + id.replaceAll("[^A-Za-z0-9]", "_"), new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        MqttMessage will = new MqttMessage("{\"state\":\"offline\",\"stamp\":1}".getBytes(StandardCharsets.UTF_8));
        will.setQos(1);
        will.setRetained(true);
        options.setWill(PREFIX + id + "/status", will);
        client.connect(options).waitForCompletion(5000);
        subscribe();
    }

    private void subscribe() throws MqttException {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(PREFIX + id + "/actions", 1),
            new MqttSubscription(PREFIX + id + "/errors", 0)}, null, null, new MqttProperties())
                .waitForCompletion(5000);
    }

    void autoAck(boolean on) {
        autoAck = on;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        message.setRetained(retained);
        while (true) {
            try {
                client.publish(topic, message).waitForCompletion(5000);
                return;
            } catch (MqttException e) {
                // Paho frees in-flight slots on its callback thread, a little after the PUBACK completed the
                // token, so even one publish at a time can find the broker's window (Receive Maximum) full.
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    void sensor(String modality, String json) throws MqttException {
        publish(PREFIX + id + "/sensors/" + modality, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    void status(String state) throws MqttException {
        publish(PREFIX + id + "/status", ("{\"state\":\"" + state + "\",\"stamp\":" + System.currentTimeMillis()
                + "}").getBytes(StandardCharsets.UTF_8), 1, true);
    }

    void ack(String actionId, ActionAck.Status status) throws MqttException {
        ack(actionId, status.wireName());
    }

    /** An ack with any status text, valid or not. */
    void ack(String actionId, String status) throws MqttException {
        publish(PREFIX + id + "/acks", ("{\"action_id\":\"" + actionId + "\",\"status\":\"" + status + "\"}")
                .getBytes(StandardCharsets.UTF_8), 1, false);
    }

    JsonNode nextAction(long timeoutMs) throws InterruptedException {
        return actions.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    JsonNode nextError(long timeoutMs) throws InterruptedException {
        return errors.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Drops the TCP connection without DISCONNECT, as a crash or a lost network would: the will fires. */
    void kill() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker may be gone already
        }
    }

    private final class Callback implements MessageCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            JsonNode json = MAPPER.readTree(message.getPayload());
            if (topic.endsWith("/errors")) {
                errors.add(json);
                return;
            }
            actions.add(json);
            if (autoAck) {
                String actionId = json.get("action_id").asText();
                worker.execute(() -> {
                    try {
                        ack(actionId, "done");
                    } catch (MqttException e) {
                        // Disconnected meanwhile: cogos delivers again and the robot acks that copy.
                    }
                });
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                // Clean start: the restarted broker knows nothing of us.
                worker.execute(() -> {
                    try {
                        subscribe();
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }
}
