package org.cogos.broker.internal;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.cogos.harness.MessageCallback;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The real Eclipse Paho MQTT 5 client with its global callback (per-subscription listeners are avoided: see
 * facts.md), collecting what arrives.
 */
final class PahoClient implements MessageCallback, AutoCloseable {

    record Received(String topic, MqttMessage message) {
        String text() {
            return new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final MqttClient client;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<MqttDisconnectResponse> disconnects = new LinkedBlockingQueue<>();
    IMqttToken connectToken;

    private PahoClient(String uri, String clientId) throws MqttException {
        client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
    }

    static PahoClient connect(String uri, String clientId) throws MqttException {
        return connect(uri, clientId, options -> { });
    }

    static PahoClient connect(String uri, String clientId, Consumer<MqttConnectionOptions> settings)
            throws MqttException {
        PahoClient c = new PahoClient(uri, clientId);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        settings.accept(options);
        c.connectToken = c.client.connectWithResult(options);
        return c;
    }

    void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos);
    }

    void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), qos, retained);
    }

    Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull("no message within 10 s", r);
        return r;
    }

    /** Messages up to (not including) the first one on the sentinel topic. */
    List<Received> until(String sentinelTopic) throws InterruptedException {
        List<Received> before = new ArrayList<>();
        for (Received r = next(); !r.topic().equals(sentinelTopic); r = next()) {
            before.add(r);
        }
        return before;
    }

    void assertNothingMore(long millis) throws InterruptedException {
        assertNull("unexpected message", received.poll(millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(2000);
        }
        client.close(true);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        disconnects.add(response);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, message));
    }
}
