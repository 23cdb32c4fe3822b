package org.cogos.it;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The scenario and its bad inputs, end to end in the distribution with its embedded broker: robots send a
 * camera frame, recorded speech and LIDAR scans over MQTT like a real robot; the modules run their real models.
 */
public class MultimodalEndToEndIT {

    @ClassRule
    public static final RunningCogos COGOS = new RunningCogos("multimodal");

    @Test
    public void personAskingForHelpIsApproachedAndAnswered() throws Exception {
        try (RobotSimulator robot = COGOS.robot("helper-bot")) {
            robot.connect();
            ScenarioSupport.sendPersonAskingForHelp(robot);

            List<ReceivedAction> received = ScenarioSupport.actionsUntil(robot, 60, "a speak",
                    actions -> actions.stream().anyMatch(a -> a.type().equals("speak")));
            List<String> types = received.stream().map(ReceivedAction::type).toList();
            assertTrue("actions: " + types, types.contains("approach") && types.contains("speak"));
            ReceivedAction speak = received.stream().filter(a -> a.type().equals("speak")).findFirst().orElseThrow();
            assertEquals("I am coming to help you.", speak.params().get("text"));
            assertTrue(speak.reason(), speak.reason().contains("help asked \"help me\""));
            ReceivedAction approach = received.stream().filter(a -> a.type().equals("approach")
                    && a.sceneSeq() == speak.sceneSeq()).findFirst()
                    .orElseThrow(() -> new AssertionError("no approach decided with the speak: " + received));
            assertEquals("person", approach.params().get("label"));
            // The LIDAR's measured range, not the camera's estimate from the box.
            double distance = ((Number) approach.params().get("distance_m")).doubleValue();
            assertEquals(approach.reason(), 3.0, distance, 0.15);
            assertTrue(approach.reason(), approach.reason().contains("(lidar seq"));

            String scene = COGOS.instance().shell("robot:scene --no-format helper-bot");
            Map<String, String> labelByModality = new TreeMap<>();
            for (String line : scene.lines().toList()) {
                String[] cells = line.split("\t");
                if (cells.length >= 4) {
                    labelByModality.merge(cells[0].trim(), cells[3].trim(), (a, b) -> a + "," + b);
                }
            }
            assertTrue(scene, labelByModality.getOrDefault("camera", "").contains("person"));
            assertTrue(scene, labelByModality.getOrDefault("lidar", "").contains("person"));
            assertTrue(scene, labelByModality.getOrDefault("audio", "").contains("speech"));
            assertTrue(scene, labelByModality.getOrDefault("text", "").contains("help"));
            assertTrue(scene, scene.contains("speak"));
        }
    }

    /**
     * Bad input of every modality is refused with a counted error on the robot's error topic, and the robot's
     * stream goes on. A 100 MB payload does not get past the embedded broker (MQTT 5 "packet too large"); one
     * between the broker's limit and ingest's is refused by ingest.
     */
    @Test
    public void badInputIsCountedReportedAndTheStreamGoesOn() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        MqttClient watcher = COGOS.errorWatcher("bad-bot", errors);
        try (RobotSimulator robot = COGOS.robot("bad-bot")) {
            robot.connect();
            Map<String, Long> before = moduleErrors();
            byte[] jpeg = Files.readAllBytes(Fixtures.CAMERA_FRAME);
            byte[] corruptJpeg = Arrays.copyOf(jpeg, jpeg.length / 3);
            for (int i = 600; i < corruptJpeg.length; i += 97) {
                corruptJpeg[i] ^= 0x5a;
            }
            robot.publishRaw("sensors/camera", corruptJpeg, 1, false);
            robot.publishRaw("sensors/audio", Fixtures.wavHeader(44_100, 1, 16, new byte[8_820]), 1, false);
            robot.publishRaw("sensors/text", "{\"text\":\"\"}".getBytes(StandardCharsets.UTF_8), 1, false);
            robot.publishRaw("sensors/camera", new byte[2 * 1024 * 1024], 1, false);

            ScenarioSupport.awaitErrors(errors, 4, 30);
            assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("\"module\":\"vision\"")));
            assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("\"module\":\"audio\"")
                    && e.contains("44100")));
            assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("\"module\":\"language\"")
                    && e.contains("out_of_range")));
            assertTrue(errors.toString(), errors.stream().anyMatch(e -> e.contains("too_large")));
            Map<String, Long> after = moduleErrors();
            for (String module : List.of("vision", "audio", "language")) {
                assertEquals(module + " errors", before.get(module) + 1, (long) after.get(module));
            }

            try {
                robot.publishRaw("sensors/camera", new byte[100 * 1024 * 1024], 1, false);
                fail("a 100 MB packet went through a broker that allows 4 MiB");
            } catch (MqttException refused) {
                // Paho refuses it against the Maximum Packet Size the broker announced, or the broker disconnects.
            }
        }
        // The stream goes on: a robot's camera frame is processed after all that.
        try (RobotSimulator robot = COGOS.robot("bad-bot")) {
            robot.connect();
            long processed = moduleProcessed().get("vision");
            robot.publishRaw("sensors/camera", Files.readAllBytes(Fixtures.CAMERA_FRAME), 1, false);
            await("vision processed the frame").atMost(30, SECONDS).pollInterval(200, MILLISECONDS)
                    .until(() -> moduleProcessed().get("vision") != processed);
            assertEquals(processed + 1, (long) moduleProcessed().get("vision"));
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }

    private static Map<String, Long> moduleErrors() throws Exception {
        return ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.ERRORS);
    }

    private static Map<String, Long> moduleProcessed() throws Exception {
        return ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.PROCESSED);
    }
}
