package org.cogos.mqtt.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.cogos.api.admin.RobotStatus;
import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.RecordingRouter;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MqttRobotRegistryTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private MosquittoBroker broker;
    private BrokerLink link;
    private MqttRobotRegistry registry;
    private SensorIngest ingest;

    @Before
    public void start() throws Exception {
        broker = MosquittoBroker.start(folder.newFolder("broker").toPath());
        link = new BrokerLink(MqttOptions.of(Map.of("uri", broker.uri(), "clientId", "cogos-registry-test")));
        await("cogos connected").atMost(10, SECONDS).until(link::isConnected);
        registry = new MqttRobotRegistry(link);
        // The registry sees the traffic the other components subscribe to, as in a running cogos.
        MqttOptions options = MqttOptions.of(Map.of());
        ingest = new SensorIngest(link, new RecordingRouter(), new PerceptErrorPublisher(link), options);
    }

    @After
    public void stop() throws Exception {
        ingest.close();
        registry.close();
        link.close();
        broker.close();
    }

    private RobotStatus status(String robot) {
        return registry.robots().stream().filter(r -> r.robotId().equals(robot)).findFirst().orElse(null);
    }

    @Test
    public void onlineThenOfflineByLastWillWhenTheConnectionDies() throws Exception {
        TestRobot robot = new TestRobot(broker.uri(), "r1", false);
        try {
            robot.status("online");
            await("r1 online").atMost(5, SECONDS).until(() -> status("r1") != null && status("r1").online());
            long onlineSince = status("r1").statusMillis();
            assertTrue(onlineSince > 0);

            robot.sensor("lidar", "{}");
            await("traffic counted").atMost(5, SECONDS).until(() -> status("r1").percepts() == 1);
            long lastSeen = status("r1").lastSeenMillis();
            assertTrue(lastSeen >= onlineSince);

            robot.kill();
            await("r1 offline by its last will").atMost(5, SECONDS).until(() -> !status("r1").online());
            RobotStatus offline = status("r1");
            assertTrue(offline.statusMillis() >= onlineSince);
            assertEquals("history kept", 1, offline.percepts());
            assertEquals(Map.of("lidar", 1L), offline.perceptsByModality());
            assertEquals(lastSeen, offline.lastSeenMillis());
        } finally {
            robot.close();
        }
    }

    @Test
    public void retainedStatusOfRobotsSeenBeforeCogosStarted() throws Exception {
        try (TestRobot robot = new TestRobot(broker.uri(), "r2", false)) {
            robot.status("online");
            BrokerLink later = new BrokerLink(MqttOptions.of(Map.of("uri", broker.uri(),
                    "clientId", "cogos-started-later")));
            MqttRobotRegistry late = new MqttRobotRegistry(later);
            try {
                await("retained status seen").atMost(5, SECONDS).until(
                        () -> late.robots().stream().anyMatch(r -> r.robotId().equals("r2") && r.online()));
                RobotStatus r2 = late.robots().get(0);
                assertEquals("a retained message is history, not a sign of life", 0, r2.lastSeenMillis());
                assertTrue("dated by its stamp", r2.statusMillis() > 0);
            } finally {
                late.close();
                later.close();
            }
        }
    }

    @Test
    public void malformedStatusIsCountedAndIgnored() throws Exception {
        try (TestRobot robot = new TestRobot(broker.uri(), "r3", false)) {
            robot.status("online");
            await("r3 online").atMost(5, SECONDS).until(() -> status("r3") != null && status("r3").online());
            robot.publish(TestRobot.PREFIX + "r3/status", "{\"state\":\"sleepy\"}".getBytes(), 1, false);
            await("counted").atMost(5, SECONDS).until(
                    () -> link.counters().getOrDefault("registry.status_malformed", 0L) == 1);
            assertTrue(status("r3").online());

            robot.publish(TestRobot.PREFIX + "r3/status", new byte[0], 1, true);
            await("an empty retained status retires the robot").atMost(5, SECONDS).until(() -> status("r3") == null);
            List<RobotStatus> robots = registry.robots();
            assertFalse(robots.stream().anyMatch(r -> r.robotId().equals("r3")));
        }
    }
}
