package org.cogos.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.cogos.harness.MessageCallback;
import org.cogos.util.net.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The robot's side of the baseline: publishes scans (QoS 1, pipelined, TCP_NODELAY, as the simulator does) and
 * times each one's echo by the {@code "seq"} at the start of the payload.
 */
final class RoundTrip implements AutoCloseable {

    private final MqttAsyncClient client;
    private final String outTopic;
    private final AtomicLongArray sentNanos;
    private final AtomicLongArray echoedNanos;

    RoundTrip(String uri, String outTopic, String echoTopic, int capacity) throws MqttException {
        this(uri, "bench-roundtrip", outTopic, echoTopic, capacity);
    }

    RoundTrip(String uri, String clientId, String outTopic, String echoTopic, int capacity) throws MqttException {
        this.outTopic = outTopic;
        this.sentNanos = new AtomicLongArray(capacity);
        this.echoedNanos = new AtomicLongArray(capacity);
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long now = System.nanoTime();
                echoedNanos.compareAndSet((int) seqOf(message.getPayload()), 0, now);
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(65535);
        options.setSocketFactory(new NoDelaySocketFactory());
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(echoTopic, 1).waitForCompletion(10_000);
    }

    /** @param dueNanos when the scan was scheduled: its latency counts from there (no coordinated omission) */
    void send(int seq, long dueNanos, byte[] payload) throws MqttException {
        sentNanos.set(seq, dueNanos);
        while (true) {
            try {
                client.publish(outTopic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /** Latencies of the echoes received among {@code [from, to)}, from their scheduled send times. */
    Spectrum latencies(int from, int to) {
        Spectrum latencies = new Spectrum();
        record(latencies, from, to);
        return latencies;
    }

    /** @return how many of {@code [from, to)} got no echo */
    long record(Spectrum latencies, int from, int to) {
        long missing = 0;
        for (int seq = from; seq < to; seq++) {
            long echoed = echoedNanos.get(seq);
            if (echoed != 0) {
                latencies.record(echoed - sentNanos.get(seq));
            } else {
                missing++;
            }
        }
        return missing;
    }

    /** Waits until every one of {@code [0, to)} has its echo, at most until {@code deadlineMillis}. */
    void awaitEchoes(int to, long deadlineMillis) {
        EndToEndBenchmark.awaitAll(echoedNanos, 0, to, deadlineMillis);
    }

    /** {@code {"seq":123,...}}: the number after the first colon. */
    static long seqOf(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, 32), StandardCharsets.US_ASCII);
        int colon = head.indexOf(':');
        int end = colon + 1;
        while (end < head.length() && Character.isDigit(head.charAt(end))) {
            end++;
        }
        return Long.parseLong(head.substring(colon + 1, end));
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
