package org.cogos.mqtt.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.cogos.harness.MosquittoBroker;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The link against a broker whose in-flight window is one message. */
public class BrokerLinkWindowTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /**
     * Regression: Paho 1.2.5 leaks a packet id each time it refuses a QoS 1 publication for a full window, and once
     * all 65,535 had leaked every publication failed. The soak benchmark (100 robots) lost every action after 30 s
     * that way. 150,000 attempts into a one-message window must all be either sent or refused as a full window.
     */
    @Test
    public void regressionPacketIdsLeakedByAFullWindow() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(folder.getRoot().toPath(), "max_inflight_messages 1")) {
            BrokerLink link = new BrokerLink(MqttOptions.of(Map.of("uri", broker.uri(), "clientId",
                    "cogos-window-test")));
            try {
                await("connected").atMost(10, SECONDS).until(link::isConnected);
                byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
                Map<PublishResult, Integer> results = new EnumMap<>(PublishResult.class);
                for (int i = 0; i < 150_000; i++) {
                    results.merge(link.publish("cogos/v1/window-test", payload, 1, false), 1, Integer::sum);
                }
                assertEquals("nothing but sent or a full window: " + results, results.getOrDefault(
                        PublishResult.SENT, 0) + results.getOrDefault(PublishResult.WINDOW_FULL, 0), 150_000);
                assertTrue("the window was full often enough to exhaust the ids: " + results,
                        results.getOrDefault(PublishResult.WINDOW_FULL, 0) > 65_535);
                await("still publishing").atMost(5, SECONDS).until(
                        () -> link.publish("cogos/v1/window-test", payload, 1, false) == PublishResult.SENT);
            } finally {
                link.close();
            }
        }
    }
}
