package org.cogos.mqtt.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cogos.api.Percept;
import org.cogos.harness.MessageCallback;
import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.RecordingRouter;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SensorIngestTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private MosquittoBroker broker;
    private MqttOptions options;
    private BrokerLink link;
    private PerceptErrorPublisher errors;
    private final RecordingRouter router = new RecordingRouter();
    private SensorIngest ingest;

    @Before
    public void start() throws Exception {
        broker = MosquittoBroker.start(folder.newFolder("broker").toPath());
        options = MqttOptions.of(Map.of("uri", broker.uri(), "clientId", "cogos-ingest-test",
                "maxPayloadBytes", 1024, "reconnectMaxDelayMs", 200));
        link = connect();
        errors = new PerceptErrorPublisher(link);
        ingest = new SensorIngest(link, router, errors, options);
    }

    private BrokerLink connect() throws InterruptedException {
        BrokerLink fresh = new BrokerLink(options);
        await("cogos connected").atMost(10, SECONDS).until(fresh::isConnected);
        return fresh;
    }

    @After
    public void stop() throws Exception {
        ingest.close();
        link.close();
        broker.close();
    }

    @Test
    public void turnsMessagesIntoPerceptsInArrivalOrderPerRobot() throws Exception {
        int perRobot = 150;
        try (TestRobot r1 = new TestRobot(broker.uri(), "r1", false);
                TestRobot r2 = new TestRobot(broker.uri(), "r2", false)) {
            Thread second = new Thread(() -> publishNumbered(r2, "audio", perRobot));
            second.start();
            publishNumbered(r1, "lidar", perRobot);
            second.join();

            await("all percepts routed").atMost(10, SECONDS).until(() -> router.size() == 2 * perRobot);
            assertOrdered(router.of("r1"), "lidar", perRobot);
            assertOrdered(router.of("r2"), "audio", perRobot);
            assertEquals(2L * perRobot, link.counters().get("ingest.percepts").longValue());
        }
    }

    private static void publishNumbered(TestRobot robot, String modality, int count) {
        try {
            for (int i = 0; i < count; i++) {
                robot.sensor(modality, "{\"n\":" + i + "}");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertOrdered(List<Percept> percepts, String modality, int count) {
        assertEquals(count, percepts.size());
        for (int i = 0; i < count; i++) {
            Percept percept = percepts.get(i);
            assertEquals(modality, percept.modality());
            assertEquals("{\"n\":" + i + "}", new String(percept.payload(), StandardCharsets.UTF_8));
            if (i > 0) {
                Percept previous = percepts.get(i - 1);
                assertTrue("sequence must increase", percept.sequence() > previous.sequence());
                assertTrue("nanos must not go back", percept.receivedNanos() >= previous.receivedNanos());
            }
            assertTrue(percept.receivedMillis() > 0);
        }
    }

    @Test
    public void refusedMessagesAreReportedOnTheRobotsErrorTopicAndCounted() throws Exception {
        try (TestRobot r1 = new TestRobot(broker.uri(), "r1", false);
                TestRobot badName = new TestRobot(broker.uri(), "bad!name", false)) {
            r1.publish(TestRobot.PREFIX + "r1/sensors/lidar/extra", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertError(r1.nextError(5000), "r1", "lidar/extra", "invalid_topic", -1);

            badName.sensor("lidar", "{}");
            assertError(badName.nextError(5000), "bad!name", "lidar", "invalid_topic", -1);

            r1.sensor("lidar", "x".repeat(1025));
            JsonNode tooLarge = r1.nextError(5000);
            assertError(tooLarge, "r1", "lidar", "too_large", -1);
            assertTrue(tooLarge.get("detail").asText().contains("1025 bytes"));

            router.full(true);
            r1.sensor("lidar", "{\"n\":1}");
            JsonNode full = r1.nextError(5000);
            assertNotNull("router_full error expected", full);
            assertEquals("router_full", full.get("code").asText());
            assertEquals("router", full.get("module").asText());
            assertTrue("a refused percept that got a sequence reports it", full.get("seq").asLong() > 0);
            router.full(false);

            r1.sensor("lidar", "x".repeat(1024)); // exactly the limit is fine
            await("valid percept routed after the refusals").atMost(5, SECONDS).until(() -> router.size() == 1);
            assertEquals("r1", router.percepts().get(0).robotId());

            Map<String, Long> counters = link.counters();
            assertEquals(2L, counters.get("errors.invalid_topic").longValue());
            assertEquals(1L, counters.get("errors.too_large").longValue());
            assertEquals(1L, counters.get("errors.router_full").longValue());
        }
    }

    /**
     * Issue 16, a flooding robot: its percepts beyond maxPerceptsPerSecondPerRobot are refused with rate_limited on
     * its own error topic; another robot sending at the same moment loses none.
     */
    @Test
    public void aFloodingRobotsExcessIsRefusedAndNoOtherRobotsIs() throws Exception {
        ingest.close();
        ingest = new SensorIngest(link, router, errors, MqttOptions.of(Map.of("uri", broker.uri(),
                "clientId", "cogos-ingest-test", "maxPerceptsPerSecondPerRobot", 10)));
        try (TestRobot flooder = new TestRobot(broker.uri(), "flooder", false);
                TestRobot calm = new TestRobot(broker.uri(), "calm", false)) {
            for (int i = 0; i < 100; i++) {
                flooder.sensor("lidar", "{\"n\":" + i + "}");
                if (i % 20 == 0) {
                    calm.sensor("lidar", "{\"n\":" + i + "}");
                }
            }
            await("the calm robot's five").atMost(5, SECONDS).until(() -> router.percepts().stream()
                    .filter(p -> p.robotId().equals("calm")).count() == 5);
            JsonNode refused = flooder.nextError(5000);
            assertError(refused, "flooder", "lidar", "rate_limited", -1);
            await("every percept either routed or refused").atMost(5, SECONDS)
                    .until(() -> router.size() + link.counters().getOrDefault("errors.rate_limited", 0L) == 105);
            long routed = router.percepts().stream().filter(p -> p.robotId().equals("flooder")).count();
            // A second's burst, plus what refilled while the 100 went out.
            assertTrue(routed + " of the flooder's routed", routed >= 10 && routed < 30);
            assertNull("the calm robot was refused nothing", calm.nextError(200));
        }
    }

    private static void assertError(JsonNode error, String robot, String modality, String code, long sequence) {
        assertNotNull(code + " error expected on " + robot + "/errors", error);
        assertEquals(robot, error.get("robot").asText());
        assertEquals(modality, error.get("modality").asText());
        assertEquals(code, error.get("code").asText());
        assertEquals("ingest", error.get("module").asText());
        assertEquals(sequence, error.get("seq").asLong());
        assertTrue(error.get("stamp").asLong() > 0);
        assertTrue(error.get("detail").asText().length() > 0);
    }

    /**
     * Regression: the link said "online" as soon as it connected, but ingest subscribed to the sensor topics
     * only when it activated, seconds later in Karaf; a robot that sent one frame on seeing "online" lost it.
     */
    @Test
    public void onlineIsAnnouncedOnlyOnceIngestListens() throws Exception {
        ingest.close();
        link.close();
        link = connect();
        errors = new PerceptErrorPublisher(link);
        assertEquals("connected, no ingest yet", "offline", retainedSystemState());

        ingest = new SensorIngest(link, router, errors, options);
        await("online announced").atMost(5, SECONDS).until(() -> "online".equals(retainedSystemState()));
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false)) {
            robot.sensor("camera", "{\"frame\":1}");
            await("the one frame sent on 'online' is routed").atMost(5, SECONDS).until(() -> router.size() == 1);
        }
    }

    /** The {@code state} of the retained cogos/v1/system/status, read by a fresh subscriber; "none" without one. */
    private String retainedSystemState() {
        CompletableFuture<String> state = new CompletableFuture<>();
        try {
            MqttClient watcher = new MqttClient(broker.uri(), "status-watcher", new MemoryPersistence());
            watcher.setCallback(new MessageCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    state.complete(new ObjectMapper().readTree(message.getPayload()).get("state").asText());
                }
            });
            watcher.connect();
            try {
                watcher.subscribe("cogos/v1/system/status", 1);
                return state.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return "none";
            } finally {
                watcher.disconnect();
                watcher.close();
            }
        } catch (MqttException | InterruptedException | ExecutionException e) {
            throw new IllegalStateException("reading the retained system status", e);
        }
    }

    @Test
    public void messagesArrivingWhileIngestRestartsAreHandedToTheNextIngestInOrder() throws Exception {
        try (TestRobot r1 = new TestRobot(broker.uri(), "r1", false)) {
            r1.sensor("lidar", "{\"n\":0}");
            await("first percept").atMost(5, SECONDS).until(() -> router.size() == 1);

            ingest.close();
            for (int i = 1; i <= 5; i++) {
                r1.sensor("lidar", "{\"n\":" + i + "}");
            }
            await("messages reached cogos").atMost(5, SECONDS).until(
                    () -> link.counters().get("inbound.messages") >= 6);
            assertEquals("nothing routed without ingest", 1, router.size());

            ingest = new SensorIngest(link, router, errors, options);
            await("held messages routed").atMost(5, SECONDS).until(() -> router.size() == 6);
            List<Percept> percepts = router.of("r1");
            for (int i = 0; i < 6; i++) {
                assertEquals("{\"n\":" + i + "}", new String(percepts.get(i).payload(), StandardCharsets.UTF_8));
                if (i > 0) {
                    assertTrue(percepts.get(i).sequence() > percepts.get(i - 1).sequence());
                }
            }
        }
    }

    @Test
    public void theBrokerQueuesForCogosWhileItIsDown() throws Exception {
        try (TestRobot r1 = new TestRobot(broker.uri(), "r1", false)) {
            ingest.close();
            link.close();
            for (int i = 0; i < 3; i++) {
                r1.sensor("lidar", "{\"n\":" + i + "}");
            }

            link = connect();
            ingest = new SensorIngest(link, router, errors, options);
            await("queued messages routed after the restart").atMost(5, SECONDS).until(() -> router.size() == 3);
            assertEquals("{\"n\":2}", new String(router.percepts().get(2).payload(), StandardCharsets.UTF_8));
        }
    }
}
