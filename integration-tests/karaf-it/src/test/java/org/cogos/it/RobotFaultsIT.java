package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.MosquittoBroker;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.RobotSimulator;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 16, faults of robots, in the distribution through Mosquitto: a robot flooding ten times its allowed rate,
 * and a robot that never acknowledges an action. Calm robots stream LIDAR with a person ahead alongside (every scan
 * decides an action, repeat suppression off); each test prints its figures. cogos runs with
 * maxPerceptsPerSecondPerRobot 100, ackTimeoutMs 200 and maxDeliveryAttempts 3, so the faults show in seconds.
 */
public class RobotFaultsIT {

    private static final int ROBOT_RATE_LIMIT = 100;
    private static final double CALM_RATE = 20;
    private static final int PHASE_SECONDS = 5;
    private static final Pattern COUNTER = Pattern.compile("(?m)^([a-z_.]+)\\s*\\|\\s*(\\d+)\\s*$");

    private static MosquittoBroker mosquitto;
    private static CogosInstance cogos;

    @BeforeClass
    public static void start() throws Exception {
        mosquitto = MosquittoBroker.start(Path.of("target", "e2e", "robot-faults-mosquitto").toAbsolutePath(),
                "max_inflight_messages 1000", "max_queued_messages 100000", "max_topic_alias 0");
        cogos = ScenarioSupport.unpack("robot-faults");
        cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
        cogos.configure("org.cogos.mqtt", "maxPerceptsPerSecondPerRobot", String.valueOf(ROBOT_RATE_LIMIT));
        cogos.configure("org.cogos.mqtt", "ackTimeoutMs", "200");
        cogos.configure("org.cogos.mqtt", "maxDeliveryAttempts", "3");
        cogos.useExternalBroker(mosquitto.uri());
        cogos.start(120_000);
    }

    @AfterClass
    public static void stop() throws Exception {
        ScenarioSupport.stop(cogos, mosquitto);
    }

    /** A robot streaming a person ahead, the latency of each action measured from its scan's scheduled time. */
    private static final class Streamer {
        final RobotSimulator robot;
        final Map<Long, Long> dueNanos = new ConcurrentHashMap<>();
        final Set<Long> decided = ConcurrentHashMap.newKeySet();
        final List<Long> latenciesNanos = new ArrayList<>(); // guarded by itself

        Streamer(String id) throws Exception {
            robot = new RobotSimulator(mosquitto.uri(), id, "cogos/v1", 1).connect();
            robot.addActionListener(action -> {
                Long due = dueNanos.get(action.sourceSeq());
                if (due != null && decided.add(action.sourceSeq())) {
                    synchronized (latenciesNanos) {
                        latenciesNanos.add(action.receivedNanos() - due);
                    }
                }
            });
        }

        /** Scans at {@code rate} from {@code firstSeq} for {@code seconds}, on a thread of its own. */
        Thread stream(long firstSeq, double rate, int seconds) {
            Thread thread = new Thread(() -> {
                LidarScenario personAhead = new LidarScenario(1.0, 0.0, 1);
                long start = System.nanoTime();
                long periodNanos = (long) (1e9 / rate);
                for (long i = 0; i < rate * seconds; i++) {
                    long due = start + i * periodNanos;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    long seq = firstSeq + i;
                    dueNanos.put(seq, due);
                    try {
                        robot.publishPipelined("sensors/lidar", personAhead.scan(seq, 1, System.currentTimeMillis()),
                                1);
                    } catch (Exception e) {
                        throw new IllegalStateException(robot.robotId() + " could not publish scan " + seq, e);
                    }
                }
            }, "stream-" + robot.robotId());
            thread.start();
            return thread;
        }

        /** p50, p99, max in ms of the actions since the last call. */
        String latencies() {
            long[] sorted;
            synchronized (latenciesNanos) {
                sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
                latenciesNanos.clear();
            }
            if (sorted.length == 0) {
                return "none";
            }
            return String.format("%.1f/%.1f/%.1f ms", sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
        }

        long undecided() {
            return dueNanos.keySet().stream().filter(seq -> !decided.contains(seq)).count();
        }
    }

    private static Map<String, Long> counters() throws Exception {
        String table = cogos.command("cog:mqtt").output();
        Map<String, Long> counters = new ConcurrentHashMap<>();
        Matcher matcher = COUNTER.matcher(table);
        while (matcher.find()) {
            counters.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        assertTrue(table, counters.containsKey("ingest.percepts"));
        return counters;
    }

    private static void awaitDecided(Streamer... streamers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && List.of(streamers).stream().anyMatch(s -> s.undecided() > 0)) {
            Thread.sleep(100);
        }
    }

    @Test
    public void aRobotFloodingTenTimesItsRateLosesItsExcessAndNoOtherRobotAnything() throws Exception {
        Streamer calmA = new Streamer("calm-a");
        Streamer calmB = new Streamer("calm-b");
        Streamer flooder = new Streamer("flooder");
        try {
            // Warm-up, not measured: a fresh JVM's first scans are interpreted.
            Thread a = calmA.stream(100_000, CALM_RATE, PHASE_SECONDS);
            Thread b = calmB.stream(100_000, CALM_RATE, PHASE_SECONDS);
            a.join();
            b.join();
            awaitDecided(calmA, calmB);
            calmA.latencies();
            calmB.latencies();
            a = calmA.stream(1, CALM_RATE, PHASE_SECONDS);
            b = calmB.stream(1, CALM_RATE, PHASE_SECONDS);
            a.join();
            b.join();
            awaitDecided(calmA, calmB);
            String alone = calmA.latencies() + ", " + calmB.latencies();
            long refusedBefore = counters().getOrDefault("errors.rate_limited", 0L);

            long flood = 10L * ROBOT_RATE_LIMIT;
            a = calmA.stream(1_000, CALM_RATE, PHASE_SECONDS);
            b = calmB.stream(1_000, CALM_RATE, PHASE_SECONDS);
            Thread f = flooder.stream(1, flood, PHASE_SECONDS);
            a.join();
            b.join();
            f.join();
            awaitDecided(calmA, calmB);
            Thread.sleep(1000); // the flooder's last admitted scans
            long refused = counters().getOrDefault("errors.rate_limited", 0L) - refusedBefore;
            long sent = flood * PHASE_SECONDS;
            long admitted = flooder.decided.size();
            System.out.printf("robot flooding %d/s (10x maxPerceptsPerSecondPerRobot %d) for %d s: sent %d, refused "
                    + "%d (rate_limited), decided %d; calm robots at %.0f/s each: lost %d and %d; their latency "
                    + "p50/p99/max alone %s, beside the flood %s, %s%n", flood, ROBOT_RATE_LIMIT, PHASE_SECONDS,
                    sent, refused, admitted, CALM_RATE, calmA.undecided(), calmB.undecided(), alone,
                    calmA.latencies(), calmB.latencies());
            assertEquals("calm-a lost nothing", 0, calmA.undecided());
            assertEquals("calm-b lost nothing", 0, calmB.undecided());
            // Its burst and rate admitted, give or take the stream's own timing; the rest refused, each once.
            long allowed = (long) ROBOT_RATE_LIMIT * (PHASE_SECONDS + 1);
            assertTrue("admitted " + admitted + " of at most " + allowed, admitted <= allowed * 1.2);
            assertEquals("every scan of the flooder decided or refused", sent, admitted + refused);
        } finally {
            calmA.robot.close();
            calmB.robot.close();
            flooder.robot.close();
        }
    }

    @Test
    public void aRobotThatNeverAcksGetsDeadLettersAndTheOutboxStaysSmall() throws Exception {
        Streamer calm = new Streamer("acking");
        Streamer silent = new Streamer("silent");
        silent.robot.setExecutor((action, ack) -> {
            // carries nothing out and never acks
        });
        long deadBefore = counters().getOrDefault("outbox.dead", 0L);
        try {
            Thread a = calm.stream(1, CALM_RATE, 2 * PHASE_SECONDS);
            Thread s = silent.stream(1, CALM_RATE, 2 * PHASE_SECONDS);
            long maxPending = 0;
            while (a.isAlive() || s.isAlive()) {
                maxPending = Math.max(maxPending, counters().getOrDefault("outbox.pending", 0L));
            }
            awaitDecided(calm, silent);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Map<String, Long> after = counters();
            while (after.getOrDefault("outbox.pending", 0L) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = counters();
            }
            long dead = after.getOrDefault("outbox.dead", 0L) - deadBefore;
            long silentActions = silent.decided.size();
            Path deadLetters = cogos.home().resolve("data/cogos/outbox/dead.jsonl");
            long deadOfCalm = Files.readAllLines(deadLetters).stream().filter(l -> l.contains("\"acking\"")).count();
            System.out.printf("robot never acking, %.0f scans/s for %d s: %d actions, %d dead-lettered after 3 "
                    + "publications each (%d duplicates dropped by it); outbox pending at most %d (sampled), %d at "
                    + "the end; the acking robot: %d actions, %d lost, %d dead-lettered%n", CALM_RATE,
                    2 * PHASE_SECONDS, silentActions, dead, silent.robot.duplicatesDropped(), maxPending,
                    after.getOrDefault("outbox.pending", 0L), calm.decided.size(), calm.undecided(), deadOfCalm);
            assertEquals("every action of the silent robot dead-lettered", silentActions, dead);
            assertEquals(0, after.getOrDefault("outbox.pending", 0L).longValue());
            assertEquals("the acking robot lost nothing", 0, calm.undecided());
            assertEquals(0, deadOfCalm);
            // About 0.6 s of the silent robot's actions wait at a time (3 publications 200 ms apart).
            assertTrue("outbox bounded: " + maxPending, maxPending < 5 * CALM_RATE);
        } finally {
            calm.robot.close();
            silent.robot.close();
        }
    }
}
