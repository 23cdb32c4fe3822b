package org.cogos.robotsim;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cogos.harness.MessageCallback;
import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.Ports;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The simulator against a real Mosquitto, watched by a plain Paho client playing cogos. */
public class RobotSimulatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "cogos/v1/robots/sim1/";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private MosquittoBroker broker;
    private MqttAsyncClient cogos;
    private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();

    private record Message(String topic, JsonNode json, boolean retained) {
    }

    @Before
    public void start() throws Exception {
        broker = MosquittoBroker.start(folder.getRoot().toPath());
        cogos = new MqttAsyncClient(broker.uri(), "cogos-watcher", new MemoryPersistence());
        cogos.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                received.add(new Message(topic, MAPPER.readTree(message.getPayload()), message.isRetained()));
            }
        });
        cogos.connect().waitForCompletion(5000);
        cogos.subscribe(new String[] {BASE + "sensors/+", BASE + "status", BASE + "acks"}, new int[] {1, 1, 1})
                .waitForCompletion(5000);
    }

    @After
    public void stop() throws Exception {
        cogos.disconnect().waitForCompletion(5000);
        cogos.close();
        broker.close();
    }

    /** The next message on a topic ending in {@code suffix}; those on other topics before it are dropped. */
    private Message next(String suffix) {
        return await("a message on ..." + suffix).atMost(5, SECONDS).pollInSameThread().pollInterval(1, MILLISECONDS)
                .until(() -> received.poll(100, MILLISECONDS),
                        message -> message != null && message.topic().endsWith(suffix));
    }

    /** --send waits for this: a frame published before cogos subscribes reaches nobody. */
    @Test
    public void awaitsCogosOnlineFromItsRetainedSystemStatus() throws Exception {
        try (RobotSimulator robot = new RobotSimulator(broker.uri(), "sim1", "cogos/v1", 1).connect()) {
            assertFalse("nothing said yet", robot.awaitCogosOnline(300));
            cogos.publish("cogos/v1/system/status", "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8), 1,
                    true).waitForCompletion(5000);
            assertFalse("offline", robot.awaitCogosOnline(300));
            cogos.publish("cogos/v1/system/status", "{\"state\":\"online\",\"stamp\":1}"
                    .getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(5000);
            assertTrue(robot.awaitCogosOnline(5000));
        }
    }

    @Test
    public void scansArriveInOrderInTheDocumentedFormat() throws Exception {
        try (RobotSimulator robot = new RobotSimulator(broker.uri(), "sim1", "cogos/v1", 1).connect()) {
            assertEquals("online", next("/status").json().get("state").asText());

            LidarScenario scenario = new LidarScenario(10, 0.01, 7);
            // Six seconds of the robot's time in a fifth of that.
            RobotSimulator.StreamResult result = robot.stream(scenario, scenario.framesPerCycle(), 50);
            assertEquals(scenario.framesPerCycle(), result.scans());

            List<JsonNode> scans = new ArrayList<>();
            for (int i = 0; i < result.scans(); i++) {
                Message message = next("/sensors/lidar");
                assertNotNull("scan " + i + " arrived", message);
                scans.add(message.json());
            }
            for (int i = 0; i < scans.size(); i++) {
                JsonNode scan = scans.get(i);
                assertEquals("in order", result.firstSeq() + i, scan.get("seq").asLong());
                assertTrue(robot.publishedNanos(scan.get("seq").asLong()) > 0);
                assertDocumentedFormat(scan);
            }
            // The encounter: a person walking up from 6 m to 1.5 m, then only the far wall, then an obstacle at 0.3 m.
            int lastWalk = 0;
            while (scenario.phase(lastWalk + 1) == LidarScenario.Phase.PERSON) {
                lastWalk++;
            }
            assertEquals(6.0, nearest(scans.get(0)), 0.05);
            assertEquals(1.5, nearest(scans.get(lastWalk)), 0.05);
            assertEquals(LidarScenario.Phase.CLEAR, scenario.phase(lastWalk + 1));
            assertEquals(8.0, nearest(scans.get(lastWalk + 1)), 0.05);
            assertEquals(LidarScenario.Phase.OBSTACLE, scenario.phase(scans.size() - 1));
            assertEquals(0.3, nearest(scans.get(scans.size() - 1)), 0.05);
        }
    }

    private static void assertDocumentedFormat(JsonNode scan) {
        assertTrue(scan.get("stamp").asLong() > 0);
        assertEquals("laser", scan.get("frame").asText());
        double angleMin = scan.get("angle_min").asDouble();
        double angleMax = scan.get("angle_max").asDouble();
        double increment = scan.get("angle_increment").asDouble();
        assertEquals(-Math.PI / 2, angleMin, 1e-9);
        assertEquals(Math.PI / 2, angleMax, 1e-9);
        assertEquals(0.05, scan.get("range_min").asDouble(), 0);
        assertEquals(10.0, scan.get("range_max").asDouble(), 0);
        JsonNode ranges = scan.get("ranges");
        assertEquals(Math.round((angleMax - angleMin) / increment) + 1, ranges.size());
        for (JsonNode range : ranges) {
            assertTrue(range.isNull() || range.isNumber() && range.asDouble() >= 0.05 && range.asDouble() <= 10.0);
        }
    }

    /** Nearest return within ±10° of straight ahead. */
    private static double nearest(JsonNode scan) {
        double nearest = Double.POSITIVE_INFINITY;
        JsonNode ranges = scan.get("ranges");
        for (int i = 80; i <= 100; i++) {
            if (!ranges.get(i).isNull()) {
                nearest = Math.min(nearest, ranges.get(i).asDouble());
            }
        }
        return nearest;
    }

    @Test
    public void anActionSentTwiceIsRecordedOnceAndAckedBothTimes() throws Exception {
        try (RobotSimulator robot = new RobotSimulator(broker.uri(), "sim1", "cogos/v1", 1).connect()) {
            List<String> printed = new ArrayList<>();
            robot.addActionListener(action -> printed.add(action.line()));
            byte[] action = ("{\"action_id\":\"a-1\",\"robot\":\"sim1\",\"type\":\"stop\",\"params\":"
                    + "{\"distance_m\":0.31,\"label\":\"obstacle\"},\"created\":1,\"reason\":\"rules R1 stop\","
                    + "\"scene_seq\":3,\"source_seq\":12}").getBytes(StandardCharsets.UTF_8);
            MqttMessage message = new MqttMessage(action);
            message.setQos(1);
            cogos.publish(BASE + "actions", message).waitForCompletion(5000);
            cogos.publish(BASE + "actions", message).waitForCompletion(5000);

            assertEquals("a-1", next("/acks").json().get("action_id").asText());
            Message secondAck = next("/acks");
            assertNotNull("the duplicate is acked too", secondAck);
            assertEquals("done", secondAck.json().get("status").asText());

            ReceivedAction first = robot.actions().poll(5, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals("stop", first.type());
            assertEquals(12, first.sourceSeq());
            assertEquals(3, first.sceneSeq());
            assertNull("recorded once", robot.actions().poll(300, TimeUnit.MILLISECONDS));
            assertEquals(1, robot.duplicatesDropped());
            assertEquals(List.of("ACTION stop {\"distance_m\":0.31,\"label\":\"obstacle\"} id=a-1 "
                    + "reason=rules R1 stop"), printed);
        }
    }

    @Test
    public void killDropsTheConnectionSoTheLastWillSaysOffline() throws Exception {
        RobotSimulator robot = new RobotSimulator(broker.uri(), "sim1", "cogos/v1", 1).connect();
        assertEquals("online", next("/status").json().get("state").asText());
        robot.kill();
        Message will = next("/status");
        assertNotNull("the broker published the will", will);
        assertEquals("offline", will.json().get("state").asText());
    }

    /**
     * Issue 16: a robot that keeps publishing while its broker is down loses nothing: what it publishes meanwhile
     * waits in its offline buffer and follows, in order, once it is connected again. A second Mosquitto with
     * persistence, stopped as its init script stops it, so the watcher's session (and what is queued for it)
     * survives the restart; the watcher stands for cogos.
     */
    @Test
    public void buffersWhileTheBrokerIsDownAndSendsInOrderWhenItIsBack() throws Exception {
        Path dir = folder.newFolder("persistent").toPath();
        // Mosquitto started as root runs as user mosquitto: it must reach and write its persistence directory.
        Files.setPosixFilePermissions(folder.getRoot().toPath(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = Ports.free();
        MosquittoBroker persistent = MosquittoBroker.start(dir, port, "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\npersistence true\npersistence_location " + dir + "/\n"
                + "set_tcp_nodelay true\n");
        LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        MqttAsyncClient watcher = new MqttAsyncClient(persistent.uri(), "buffer-watcher", new MemoryPersistence());
        watcher.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                texts.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        });
        MqttConnectionOptions session = new MqttConnectionOptions();
        session.setCleanStart(false);
        session.setSessionExpiryInterval(300L);
        session.setAutomaticReconnect(true);
        session.setMaxReconnectDelay(500);
        watcher.connect(session).waitForCompletion(5000);
        watcher.subscribe("cogos/v1/robots/buffered/sensors/text", 1).waitForCompletion(5000);
        try (RobotSimulator robot = new RobotSimulator(persistent.uri(), "buffered", "cogos/v1", 1)) {
            robot.connect();
            for (int i = 0; i < 10; i++) {
                robot.publishRaw("sensors/text", ("{\"text\":\"" + i + "\"}").getBytes(StandardCharsets.UTF_8), 1,
                        false);
            }
            persistent.stop();
            await().atMost(10, SECONDS).until(() -> !robot.isConnected());
            long start = System.nanoTime();
            for (int i = 10; i < 40; i++) {
                robot.publishRaw("sensors/text", ("{\"text\":\"" + i + "\"}").getBytes(StandardCharsets.UTF_8), 1,
                        false);
            }
            assertTrue("publishing while disconnected does not wait for the broker",
                    System.nanoTime() - start < 2_000_000_000L);
            persistent.resume();
            List<Integer> seen = new ArrayList<>();
            while (seen.size() < 40 || seen.get(seen.size() - 1) != 39) {
                String text = texts.poll(20, SECONDS);
                assertTrue("received so far: " + seen + "; robot connected: " + robot.isConnected()
                        + "; watcher connected: " + watcher.isConnected() + "\n" + persistent.log(), text != null);
                int n = MAPPER.readTree(text).get("text").asInt();
                if (seen.isEmpty() || n > seen.get(seen.size() - 1)) {
                    seen.add(n); // QoS 1 may repeat one: counted once
                } else {
                    assertTrue("out of order: " + n + " after " + seen, seen.contains(n));
                }
            }
            assertEquals(IntStream.range(0, 40).boxed().toList(), seen);
        } finally {
            watcher.disconnectForcibly(0, 1000, false);
            watcher.close(true);
            persistent.close();
        }
    }
}
