package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cogos.harness.CogosInstance;
import org.cogos.harness.MessageCallback;
import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.Ports;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.RobotSimulator;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 16, the first fault: Mosquitto killed (-9) and started again 20 times under two robots streaming scans that
 * each decide an action (a person ahead, repeat suppression off), the robots buffering offline as
 * docs/mqtt-topics.md tells robot authors to. Mosquitto runs the configuration cogos ships (config/mosquitto),
 * saving its state every second, so a kill loses up to a second of the broker's bookkeeping. An independent
 * subscriber (its own persistent session) records which scans the broker delivered at all, so cogos's losses can be
 * told from the broker's. Prints, per robot: scans sent, delivered by the broker, decided by cogos, lost by each,
 * duplicates (same action id, dropped by the robot; or a scan decided again under a new id because the restarted
 * broker delivered it again), the recovery after each restart (first action after it) and cogos's MQTT counters.
 * Asserts that cogos decided every scan the broker delivered to anyone.
 */
public class BrokerKillFaultIT {

    private static final int KILLS = 20;
    private static final double RATE_PER_ROBOT = 50;
    private static final long KILL_EVERY_MS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MosquittoBroker mosquitto;
    private static CogosInstance cogos;

    @BeforeClass
    public static void start() throws Exception {
        Path dir = Path.of("target", "e2e", "broker-kill-mosquitto").toAbsolutePath();
        // A database left by an earlier run would hand cogos that run's queued percepts.
        Files.deleteIfExists(dir.resolve("mosquitto.db"));
        Files.createDirectories(dir);
        // Mosquitto started as root runs as user mosquitto and must write its database here.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = Ports.free();
        // The Mosquitto configuration cogos ships (its port and directory here), saving every change to disk.
        String shipped = Files.readString(Path.of("../../config/mosquitto/cogos.conf"));
        mosquitto = MosquittoBroker.start(dir, port, shipped.replace("listener 1883 ", "listener " + port + " ")
                .replace("/var/lib/mosquitto/", dir + "/") + "autosave_interval 1\n");
        cogos = ScenarioSupport.unpack("broker-kill");
        cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
        cogos.useExternalBroker(mosquitto.uri());
        cogos.start(120_000);
    }

    @AfterClass
    public static void stop() throws Exception {
        ScenarioSupport.stop(cogos, mosquitto);
    }

    /** Records the seqs of the scans the broker delivered, per robot, over its own persistent session. */
    private static MqttAsyncClient independentSubscriber(Map<String, Set<Long>> delivered) throws MqttException {
        MqttAsyncClient watcher = new MqttAsyncClient(mosquitto.uri(), "independent-watcher", new MemoryPersistence());
        watcher.setCallback((MessageCallback) (topic, message) -> {
            String robot = topic.split("/")[3];
            long seq = JSON.readTree(message.getPayload()).path("seq").asLong(-1);
            delivered.computeIfAbsent(robot, r -> ConcurrentHashMap.newKeySet()).add(seq);
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        watcher.connect(options).waitForCompletion(10_000);
        watcher.subscribe("cogos/v1/robots/+/sensors/lidar", 1).waitForCompletion(10_000);
        return watcher;
    }

    @Test
    public void twentyBrokerKillsUnderTwoRobotsLoseNothingTheBrokerKept() throws Exception {
        Map<String, Set<Long>> delivered = new ConcurrentHashMap<>();
        Map<String, Set<Long>> decided = new ConcurrentHashMap<>();
        // A scan the restarted broker delivered again after cogos had decided it (its ack was not saved yet):
        // decided again, under a new action id.
        Map<String, Long> decidedAgain = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> actionTimes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> restarts = new ConcurrentLinkedQueue<>();
        MqttAsyncClient watcher = independentSubscriber(delivered);
        LidarScenario personAhead = new LidarScenario(1.0, 0.0, 1);
        String[] ids = { "kill-a", "kill-b" };
        RobotSimulator[] robots = new RobotSimulator[ids.length];
        long[] sent = new long[ids.length];
        try {
            for (int r = 0; r < ids.length; r++) {
                String id = ids[r];
                decided.put(id, ConcurrentHashMap.newKeySet());
                robots[r] = new RobotSimulator(mosquitto.uri(), id, "cogos/v1", 1).connect();
                robots[r].addActionListener(a -> {
                    if (!decided.get(id).add(a.sourceSeq())) {
                        decidedAgain.merge(id, 1L, Long::sum);
                    }
                    actionTimes.add(System.nanoTime());
                });
            }
            Thread killer = new Thread(() -> {
                try {
                    for (int k = 0; k < KILLS; k++) {
                        Thread.sleep(KILL_EVERY_MS);
                        mosquitto.kill();
                        Thread.sleep(200);
                        mosquitto.resume();
                        restarts.add(System.nanoTime());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("the broker could not be restarted", e);
                }
            }, "broker-killer");
            killer.start();
            long start = System.nanoTime();
            long periodNanos = (long) (1e9 / RATE_PER_ROBOT);
            for (long seq = 0; killer.isAlive() || seq < RATE_PER_ROBOT * 3; seq++) {
                long due = start + seq * periodNanos;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                for (int r = 0; r < robots.length; r++) {
                    robots[r].publishPipelined("sensors/lidar", personAhead.scan(seq, 1, System.currentTimeMillis()),
                            1);
                    sent[r] = seq + 1;
                }
                assertTrue("stream bounded", seq < RATE_PER_ROBOT * 120);
            }
            killer.join();
            // Drain: until every scan the broker delivered came back as an action and the broker has delivered
            // nothing new for 3 s (what it lost it will never deliver), at most 90 s.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            long lastCount = -1;
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long count = delivered.values().stream().mapToLong(Set::size).sum();
                if (count != lastCount) {
                    lastCount = count;
                    quietSince = System.nanoTime();
                } else if (allDecided(ids, delivered, decided)
                        && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(3)) {
                    break;
                }
                Thread.sleep(200);
            }
            StringBuilder report = new StringBuilder("broker kill -9 x" + KILLS + ":\n");
            long lostByCogos = 0;
            for (int r = 0; r < ids.length; r++) {
                String id = ids[r];
                Set<Long> seen = delivered.getOrDefault(id, Set.of());
                Set<Long> acted = decided.get(id);
                long missing = seen.stream().filter(s -> !acted.contains(s)).count();
                lostByCogos += missing;
                report.append(String.format("  %s: sent %d, delivered by the broker %d, decided %d, lost by the "
                        + "broker %d, lost by cogos %d, duplicates dropped by the robot (same id) %d, decided again "
                        + "(new id) %d%n", id, sent[r], seen.size(), acted.size(), sent[r] - seen.size(), missing,
                        robots[r].duplicatesDropped(), decidedAgain.getOrDefault(id, 0L)));
            }
            report.append("  recovery (first action after each restart, ms):");
            for (long restarted : restarts) {
                long first = actionTimes.stream().filter(t -> t >= restarted).min(Long::compare).orElse(-1L);
                report.append(' ').append(first < 0 ? "-" : String.valueOf((first - restarted) / 1_000_000));
            }
            report.append("\n  cog:mqtt after the drain:\n").append(cogos.command("cog:mqtt").output());
            System.out.println(report);
            assertEquals(report.toString(), 0, lostByCogos);
        } finally {
            for (RobotSimulator robot : robots) {
                if (robot != null) {
                    robot.close();
                }
            }
            watcher.disconnectForcibly(0, 1000, false);
            watcher.close(true);
        }
    }

    private static boolean allDecided(String[] ids, Map<String, Set<Long>> delivered, Map<String, Set<Long>> decided) {
        for (String id : ids) {
            if (!decided.get(id).containsAll(delivered.getOrDefault(id, Set.of()))) {
                return false;
            }
        }
        return true;
    }
}
