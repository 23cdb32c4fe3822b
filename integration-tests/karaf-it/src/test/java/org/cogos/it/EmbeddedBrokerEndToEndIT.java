package org.cogos.it;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cogos.harness.CogosInstance.CommandResult;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.ClassRule;
import org.junit.Test;

/** The distribution as shipped: its own embedded broker, robots connecting to it. */
public class EmbeddedBrokerEndToEndIT {

    @ClassRule
    public static final RunningCogos COGOS = new RunningCogos("embedded");

    @Test
    public void scriptedSceneYieldsApproachThenStop() throws Exception {
        try (RobotSimulator robot = COGOS.robot("embedded-robot")) {
            robot.connect();
            ScenarioSupport.assertScriptedScene(robot);
        }
    }

    /**
     * Regression: the outbox got its ack listeners as it activated, which activated the coordinator, which needs
     * the outbox as its ActionSink: SCR logged "Circular reference detected" as an ERROR at every start.
     */
    @Test
    public void regressionEveryStartLoggedACircularReferenceError() throws Exception {
        List<String> errors = COGOS.instance().logLines().stream().filter(l -> l.contains("| ERROR |")).toList();
        assertEquals(String.join("\n", errors), List.of(), errors);
    }

    /** Scripts see a failed command: bin/client exits 1 with the one-line message, and 0 after a good one. */
    @Test
    public void consoleCommandThatFailsExitsOneWithItsMessage() throws Exception {
        CommandResult refused = COGOS.instance().command("cog:rmmod rules");
        assertEquals(refused.output(), 1, refused.exitStatus());
        assertTrue(refused.output(), refused.output().contains("module rules is in use by coordinator (use --force)"));
        assertFalse(refused.output(), refused.output().contains("Exception") || refused.output().contains("\tat "));

        CommandResult listed = COGOS.instance().command("cog:lsmod");
        assertEquals(listed.output(), 0, listed.exitStatus());
        assertTrue(listed.output(), listed.output().lines().anyMatch(line -> line.startsWith("rules ")));
    }

    /**
     * As shipped, the broker lets a robot in only with the account an operator gave it (robot:add through bin/client),
     * and a robot reads only its own actions; both refusals are counted in cog:mqtt.
     */
    @Test
    public void robotsNeedAnAccountAndReadOnlyTheirOwnActions() throws Exception {
        try (RobotSimulator anonymous = new RobotSimulator(COGOS.uri(), "no-account", "cogos/v1", 1)) {
            anonymous.connect();
            fail("a robot without an account connected");
        } catch (MqttException e) {
            assertEquals("not authorized", 0x87, e.getReasonCode());
        }
        CommandResult added = COGOS.instance().command("robot:add acl-owner");
        assertEquals(added.output(), 0, added.exitStatus());
        List<String> lines = added.output().strip().lines().toList();
        String password = lines.get(lines.size() - 1).strip();

        try (RobotSimulator owner = new RobotSimulator(COGOS.uri(), "acl-owner", "cogos/v1", 1).setPassword(password);
                RobotSimulator other = COGOS.robot("acl-other")) {
            owner.connect();
            other.connect();
            MqttClient spy = new MqttClient(COGOS.uri(), "acl-other-spy", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("acl-other");
            options.setPassword(COGOS.instance().robotPassword("acl-other").getBytes(StandardCharsets.UTF_8));
            spy.connect(options);
            try {
                int granted = spy.subscribe(new MqttSubscription[] {
                    new MqttSubscription("cogos/v1/robots/acl-owner/actions", 1) }).getReasonCodes()[0];
                assertEquals("another robot's actions", 0x87, granted);
            } catch (MqttException e) {
                assertEquals("another robot's actions", 0x87, e.getReasonCode());
            } finally {
                spy.disconnect();
                spy.close();
            }
        }
        String counters = COGOS.instance().shell("cog:mqtt --no-format");
        for (String counter : List.of("refused_logins", "refused_operations")) {
            assertTrue(counters, counters.lines().anyMatch(l -> l.matches("broker\\." + counter + "\\s+[1-9][0-9]*")));
        }
    }

    @Test
    public void robotKilledWithoutDisconnectShowsOffline() throws Exception {
        RobotSimulator robot = COGOS.robot("doomed-robot");
        robot.connect();
        awaitRobotState("doomed-robot", "online");
        robot.kill();
        awaitRobotState("doomed-robot", "offline");
    }

    private void awaitRobotState(String robot, String state) {
        await().atMost(20, SECONDS).pollInterval(300, MILLISECONDS).untilAsserted(() -> {
            String list = COGOS.instance().shell("robot:list");
            assertTrue(robot + " not " + state + " in robot:list:\n" + list,
                    list.lines().anyMatch(l -> l.contains(robot) && l.contains(state)));
        });
    }

    @Test
    public void malformedPayloadsAreCountedReportedAndTheStreamGoesOn() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        MqttClient watcher = COGOS.errorWatcher("fuzzy-robot", errors);
        StringBuilder huge = new StringBuilder("{\"seq\":1,\"stamp\":1,\"frame\":\"laser\",\"angle_min\":-1.0,"
                + "\"angle_max\":1.0,\"angle_increment\":0.00001,\"range_min\":0.05,\"range_max\":10.0,\"ranges\":[");
        for (int i = 0; i < 200_000; i++) {
            huge.append(i == 0 ? "1.0" : ",1.0");
        }
        huge.append("]}");
        String[] bad = {
            "{\"seq\":1,\"stamp\":1,\"frame\":\"laser\",\"angle_min\":-1.5",
            "{\"seq\":\"one\",\"stamp\":1,\"frame\":\"laser\",\"angle_min\":-1.5,\"angle_max\":1.5,"
                    + "\"angle_increment\":0.5,\"range_min\":0.05,\"range_max\":10,\"ranges\":[1,1,1,1,1,1,1]}",
            "{\"seq\":2,\"stamp\":1,\"frame\":\"laser\",\"angle_min\":-1.5,\"angle_max\":1.5,"
                    + "\"angle_increment\":0.5,\"range_min\":0.05,\"range_max\":10,\"ranges\":[1,-0.5,1,1,1,1,1]}",
            huge.toString(),
            "not json at all",
        };
        try (RobotSimulator robot = COGOS.robot("fuzzy-robot")) {
            robot.connect();
            long sensorErrorsBefore = sensorErrors();
            for (String payload : bad) {
                robot.publishRaw("sensors/lidar", payload.getBytes(StandardCharsets.UTF_8), 1, false);
            }
            ScenarioSupport.awaitErrors(errors, bad.length, 20);
            assertTrue(errors.toString(), errors.stream().allMatch(e -> e.contains("fuzzy-robot")));
            assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("out_of_range")));
            assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("malformed")));
            assertEquals(sensorErrorsBefore + bad.length, sensorErrors());

            // The stream goes on: the same robot's next scans are processed and decided on.
            LidarScenario scenario = new LidarScenario(ScenarioSupport.SCANS_PER_SECOND, 0.01, 7);
            robot.stream(scenario, scenario.framesPerCycle(), ScenarioSupport.SCANS_PER_SECOND);
            ReceivedAction first = robot.actions().poll(20, SECONDS);
            assertTrue("an action after the bad payloads", first != null);
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }

    private static long sensorErrors() throws Exception {
        return ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.ERRORS).get("sensor");
    }
}
