package org.cogos.it;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.MessageCallback;
import org.cogos.harness.MosquittoBroker;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** The scripted person-then-obstacle scene, run by the simulator against a running cogos, and what checks it. */
final class ScenarioSupport {

    static final double SCANS_PER_SECOND = 20;
    /** Columns of {@code cog:lsmod --no-format}. */
    static final int PROCESSED = 6;
    static final int ERRORS = 7;
    static final int SUPERSEDED = 8;

    private ScenarioSupport() {
    }

    static Path distribution() {
        return Path.of(System.getProperty("cogos.distribution"));
    }

    /** Stops cogos, then its Mosquitto; either may be null (a start that failed early). */
    static void stop(CogosInstance cogos, MosquittoBroker mosquitto) throws Exception {
        if (cogos != null) {
            cogos.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** cogos from the distribution, with repeats suppressed for the whole scene so its action list is exact. */
    static CogosInstance unpack(String name) throws Exception {
        CogosInstance cogos = CogosInstance.unpack(distribution(), Path.of("target", "e2e", name));
        cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "600000");
        return cogos;
    }

    /**
     * One cycle of the scene: the robot must receive exactly approach, then stop, once each after dropping
     * duplicates by id, with the rule and the facts in each reason.
     */
    static void assertScriptedScene(RobotSimulator robot) throws Exception {
        LidarScenario scenario = new LidarScenario(SCANS_PER_SECOND, 0.01, 42);
        RobotSimulator.StreamResult sent = robot.stream(scenario, scenario.framesPerCycle(), SCANS_PER_SECOND);
        List<ReceivedAction> received = actionsUntil(robot, 20, "the scene's stop, last",
                actions -> !actions.isEmpty() && actions.get(actions.size() - 1).type().equals("stop"));
        // Anything else would arrive right behind the stop.
        ReceivedAction late = robot.actions().poll(1500, MILLISECONDS);
        if (late != null) {
            received.add(late);
        }
        assertEquals("actions: " + received, List.of("approach", "stop"),
                received.stream().map(ReceivedAction::type).toList());
        ReceivedAction approach = received.get(0);
        assertTrue(approach.reason(), approach.reason().contains("R2 approach"));
        double distance = ((Number) approach.params().get("distance_m")).doubleValue();
        assertTrue("approach at " + distance + " m", distance <= 5.0 && distance >= 1.4);
        ReceivedAction stop = received.get(1);
        assertTrue(stop.reason(), stop.reason().contains("R1 stop"));
        assertEquals("approach decided on a scan with the person", LidarScenario.Phase.PERSON,
                scenario.phase(approach.sourceSeq() - sent.firstSeq()));
        assertEquals("stop decided on a scan with the obstacle", LidarScenario.Phase.OBSTACLE,
                scenario.phase(stop.sourceSeq() - sent.firstSeq()));
    }

    /**
     * The robot's actions, as they arrive, until {@code done} holds for them; fails after {@code seconds} with
     * {@code what} and the actions received.
     */
    static List<ReceivedAction> actionsUntil(RobotSimulator robot, int seconds, String what,
            Predicate<List<ReceivedAction>> done) {
        List<ReceivedAction> received = new ArrayList<>();
        await().atMost(seconds, SECONDS).pollInSameThread().pollInterval(1, MILLISECONDS).untilAsserted(() -> {
            ReceivedAction action = robot.actions().poll(200, MILLISECONDS);
            if (action != null) {
                received.add(action);
            }
            assertTrue(what + " among the actions " + received, done.test(received));
        });
        return received;
    }

    /** Waits until {@link #errorWatcher} has collected exactly {@code count} errors, at most {@code seconds}. */
    static void awaitErrors(List<String> errors, int count, int seconds) {
        await().atMost(seconds, SECONDS).untilAsserted(
                () -> assertTrue("errors: " + errors, errors.size() >= count));
        assertEquals("errors: " + errors, count, errors.size());
    }

    /**
     * Collects what cogos publishes on the robot's error topic, logged in as that robot (only it may read them);
     * disconnect it when done.
     */
    static MqttClient errorWatcher(String uri, String robot, String password, List<String> errors)
            throws MqttException {
        MqttClient client = new MqttClient(uri, robot + "-error-watcher", new MemoryPersistence());
        client.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                errors.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(robot);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        client.subscribe("cogos/v1/robots/" + robot + "/errors", 1);
        return client;
    }

    /**
     * The seed scenario from one robot: its camera streaming a person at 5 fps (from 2 s before the words to 0.2 s
     * after, so the last scene still holds the words and the scans), "help me" recorded, and three LIDAR scans of
     * the simulator's walking person (the LIDAR classifier was trained on scans like it) in its frame nearest 3 m.
     *
     * <p>The camera streams, as a robot's does, because modalities are processed in parallel (the router's lanes per
     * modality): a single frame sent just before the words may still be in the vision module — the first one of a
     * fresh container is slow — when the transcript's scene is decided, and the decision would not see it. A
     * stream always has a frame from within the scene window processed by then.
     */
    static void sendPersonAskingForHelp(RobotSimulator robot) throws Exception {
        byte[] frame = Files.readAllBytes(Fixtures.CAMERA_FRAME);
        Thread camera = new Thread(() -> {
            try {
                for (int i = 0; i < 12 && !Thread.currentThread().isInterrupted(); i++) {
                    robot.publishPipelined("sensors/camera", frame, 1);
                    Thread.sleep(200);
                }
            } catch (MqttException e) {
                // The test closed the robot: its camera stops with it.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, robot.robotId() + "-camera");
        camera.setDaemon(true);
        camera.start();
        Thread.sleep(2_000);
        robot.publishRaw("sensors/audio", Files.readAllBytes(Fixtures.SPEECH), 1, false);
        LidarScenario walk = new LidarScenario(10, 0.0, 1);
        long atThreeMetres = frameNearest(walk, 3.0);
        for (int seq = 1; seq <= 3; seq++) {
            robot.publishRaw("sensors/lidar", walk.scan(seq, atThreeMetres, System.currentTimeMillis()), 1, false);
        }
    }

    /** The frame of the scenario's walk whose person is nearest {@code metres} away. */
    static long frameNearest(LidarScenario walk, double metres) {
        long nearest = 0;
        for (long frame = 0; frame < walk.framesPerCycle(); frame++) {
            if (Math.abs(walk.personDistance(frame) - metres) < Math.abs(walk.personDistance(nearest) - metres)) {
                nearest = frame;
            }
        }
        return nearest;
    }

    /** One numeric column of {@code cog:lsmod --no-format} ({@link #PROCESSED}, {@link #ERRORS}, ...), by module. */
    static Map<String, Long> lsmodColumn(CogosInstance cogos, int column) throws Exception {
        Map<String, Long> values = new TreeMap<>();
        for (String line : cogos.shell("cog:lsmod --no-format").lines().toList()) {
            String[] cells = line.split("\t");
            if (cells.length > column) {
                values.put(cells[0].trim(), Long.parseLong(cells[column].trim()));
            }
        }
        return values;
    }
}
