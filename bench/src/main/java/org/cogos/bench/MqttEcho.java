package org.cogos.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import org.cogos.harness.MessageCallback;
import org.cogos.util.net.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The baseline: the same two broker hops as a cogos decision (robot → broker → peer → broker → robot) with a
 * peer that does nothing but send each message back. It runs on Paho, like cogos, so the ratio isolates what
 * cogos itself adds.
 */
final class MqttEcho implements AutoCloseable {

    private final MqttAsyncClient client;
    /** Publishes off Paho's callback thread, as cogos's outbox does, so both paths hand over the same way. */
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-echo"));

    MqttEcho(String uri, String inTopic, String outTopic) throws MqttException {
        this(uri, inTopic, topic -> outTopic);
    }

    /** @param inFilter may hold wildcards; {@code outTopicOf} maps each message's topic to its echo's */
    MqttEcho(String uri, String inFilter, UnaryOperator<String> outTopicOf) throws MqttException {
        client = new MqttAsyncClient(uri, "bench-echo", new MemoryPersistence());
        client.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                publisher.execute(() -> echo(outTopicOf.apply(topic), message.getPayload()));
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(65535);
        options.setSocketFactory(new NoDelaySocketFactory());
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(inFilter, 1).waitForCompletion(10_000);
    }

    private void echo(String topic, byte[] payload) {
        while (true) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw new IllegalStateException("echo failed", e);
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    @Override
    public void close() throws MqttException {
        publisher.shutdownNow();
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
