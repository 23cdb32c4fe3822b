package org.cogos.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.MosquittoBroker;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.cogos.util.stats.Latencies;

/**
 * How fast a stop reaches a robot (issue 13), through a loopback Mosquitto with TCP_NODELAY (Mosquitto leaves
 * Nagle on otherwise, which alone adds tens of milliseconds), every latency measured from the percept's
 * <em>scheduled</em> send time, so a stall delays the percepts behind it in the figures too:
 * <ol>
 * <li>LIDAR obstacle at 0.3 m → {@code stop}: the robot's LIDAR alone, then the same LIDAR while the same robot
 * streams its camera at 15 fps and says something every second. The baseline is the first figure, measured in
 * the same run; the goal is a mixed p99 at most 1.5 × the p99 alone;</li>
 * <li>typed "stop" → {@code stop}, and spoken "stop" (a WAV through the audio and language modules) → {@code stop}.</li>
 * </ol>
 * Repeat suppression is off, so every obstacle scan yields its stop, matched by {@code source_seq}.
 */
public final class StopLatencyBenchmark {

    private static final String PREFIX = "cogos/v1";
    private static final double LIDAR_HZ = 20;
    private static final double CAMERA_FPS = 15;
    private static final Path FIXTURES = Path.of("bundles");
    private static final Path CAMERA_FRAME = FIXTURES.resolve(
            "vision/src/test/resources/org/cogos/vision/internal/astronaut.jpg");
    private static final Path SPOKEN_HELP = FIXTURES.resolve("audio/src/test/resources/fixtures/commands/"
            + "c01-en-us-150.wav");
    private static final Path SPOKEN_STOP = FIXTURES.resolve("audio/src/test/resources/fixtures/commands/"
            + "c00-en-us-150.wav");

    private final Path distribution;
    private final Path work;
    private final int seconds;
    /** The encounter's obstacle frame: a board 0.3 m ahead, every scan a stop. */
    private final LidarScenario encounter = new LidarScenario(1.0, 0.0, 1);

    private StopLatencyBenchmark(Path distribution, Path work, int seconds) {
        this.distribution = distribution;
        this.work = work;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args.length > 0 ? args[0]
                : "karaf-features/distribution/target/cogos-distribution-0.1.0-SNAPSHOT.tar.gz");
        Path work = Path.of(args.length > 1 ? args[1] : "bench/target/stop-run");
        new StopLatencyBenchmark(distribution, work, Integer.getInteger("bench.seconds", 30)).run();
    }

    private void run() throws Exception {
        EndToEndBenchmark.deleteTree(work);
        System.out.printf(Locale.ROOT, "cogos stop latency benchmark: %d cores, Java %s, %d s per phase%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds);
        try (MosquittoBroker mosquitto = MosquittoBroker.start(work.resolve("mosquitto"),
                "max_inflight_messages 1000", "max_queued_messages 100000")) {
            CogosInstance cogos = CogosInstance.unpack(distribution, work.resolve("cogos"));
            cogos.useExternalBroker(mosquitto.uri());
            cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
            cogos.start(120_000);
            try (RobotSimulator robot = new RobotSimulator(mosquitto.uri(), "stop-bot", PREFIX, 1)) {
                robot.connect();
                warmUp(robot);
                Latencies alone = obstacleStops(robot, false);
                Latencies mixed = obstacleStops(robot, true);
                Latencies typed = commandedStops(robot, false, 1_000, seconds);
                Latencies spoken = commandedStops(robot, true, 2_000, Math.max(10, seconds / 2));
                System.out.printf(Locale.ROOT, "%nLIDAR obstacle -> stop, %.0f scans/s, from each scan's scheduled"
                        + " send time:%n", LIDAR_HZ);
                header();
                row("LIDAR alone", alone);
                row("+ camera 15 fps + 1 utterance/s", mixed);
                System.out.printf(Locale.ROOT, "  ratio mixed/alone: p50 %.2fx, p99 %.2fx (goal p99 <= 1.5x)%n",
                        mixed.percentileMs(0.5) / alone.percentileMs(0.5),
                        mixed.percentileMs(0.99) / alone.percentileMs(0.99));
                System.out.printf(Locale.ROOT, "%ncommand -> stop, from the scheduled send time:%n");
                header();
                row("typed \"stop\" (sensors/text)", typed);
                row("spoken \"stop\" (WAV, sensors/audio)", spoken);
                System.out.printf(Locale.ROOT, "%nlsmod after the run:%n%s%n", cogos.shell("cog:lsmod"));
            } finally {
                cogos.close();
            }
        }
    }

    private static void header() {
        System.out.printf(Locale.ROOT, "  %-38s %7s %9s %9s %9s%n", "", "n", "p50 ms", "p99 ms", "max ms");
    }

    private static void row(String what, Latencies latencies) {
        System.out.printf(Locale.ROOT, "  %-38s %7d %9.2f %9.2f %9.2f%n", what, latencies.count(),
                latencies.percentileMs(0.5), latencies.percentileMs(0.99), latencies.percentileMs(1.0));
    }

    /** Loads every module's code path once (models, JIT) so the first phase does not pay for it. */
    private void warmUp(RobotSimulator robot) throws Exception {
        robot.publishRaw("sensors/camera", Files.readAllBytes(CAMERA_FRAME), 1, false);
        robot.publishRaw("sensors/audio", Files.readAllBytes(SPOKEN_HELP), 1, false);
        Pacer.run((long) (LIDAR_HZ * 5), LIDAR_HZ, i -> robot.publishPipelined("sensors/lidar", obstacleScan(i), 1));
        Thread.sleep(3_000);
        robot.actions().clear();
    }

    private byte[] obstacleScan(long seq) {
        return encounter.scan(seq, encounter.framesPerCycle() - 1, System.currentTimeMillis());
    }

    /** Obstacle scans for {@link #seconds}; with {@code mixed}, the camera and speech of the same robot too. */
    private Latencies obstacleStops(RobotSimulator robot, boolean mixed) throws Exception {
        int count = (int) (LIDAR_HZ * seconds);
        long firstSeq = 1_000_000L * (mixed ? 2 : 1);
        AtomicLongArray due = new AtomicLongArray(count);
        AtomicLongArray acted = new AtomicLongArray(count);
        robot.actions().clear();
        Thread listener = collect(robot, action -> {
            long index = action.sourceSeq() - firstSeq;
            if (action.type().equals("stop") && index >= 0 && index < count) {
                acted.compareAndSet((int) index, 0, action.receivedNanos());
            }
        });
        Thread camera = mixed ? background("camera", CAMERA_FPS, seconds, robot, "sensors/camera",
                Files.readAllBytes(CAMERA_FRAME)) : null;
        Thread speech = mixed ? background("speech", 1, seconds, robot, "sensors/audio",
                Files.readAllBytes(SPOKEN_HELP)) : null;
        Pacer.run(count, LIDAR_HZ, (i, dueNanos) -> {
            due.set((int) i, dueNanos);
            robot.publishPipelined("sensors/lidar", obstacleScan(firstSeq + i), 1);
        });
        for (Thread t : new Thread[] {camera, speech}) {
            if (t != null) {
                t.join();
            }
        }
        Thread.sleep(5_000);
        listener.interrupt();
        listener.join();
        Latencies latencies = new Latencies(count);
        long missing = 0;
        for (int i = 0; i < count; i++) {
            if (acted.get(i) == 0) {
                missing++;
            } else {
                latencies.record(acted.get(i) - due.get(i));
            }
        }
        if (missing > 0) {
            System.out.printf(Locale.ROOT, "  (%s: %d of %d obstacle scans got no stop)%n", mixed ? "mixed" : "alone",
                    missing, count);
        }
        return latencies;
    }

    /** "stop" typed ({@code sensors/text}, matched by its seq) or spoken (a WAV, matched in order). */
    private Latencies commandedStops(RobotSimulator robot, boolean spoken, long periodMs, int phaseSeconds)
            throws Exception {
        int count = (int) (phaseSeconds * 1000 / periodMs);
        AtomicLongArray due = new AtomicLongArray(count);
        ConcurrentLinkedQueue<ReceivedAction> stops = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<Long, Long> bySeq = new ConcurrentHashMap<>();
        robot.actions().clear();
        Thread listener = collect(robot, action -> {
            if (action.type().equals("stop") && "command".equals(action.params().get("cause"))) {
                stops.add(action);
                bySeq.putIfAbsent(action.sourceSeq(), action.receivedNanos());
            }
        });
        byte[] wav = Files.readAllBytes(SPOKEN_STOP);
        Pacer.run(count, 1000.0 / periodMs, (i, dueNanos) -> {
            due.set((int) i, dueNanos);
            if (spoken) {
                robot.publishPipelined("sensors/audio", wav, 1);
            } else {
                robot.publishPipelined("sensors/text", ("{\"seq\":" + (3_000_000 + i) + ",\"text\":\"stop\"}")
                        .getBytes(StandardCharsets.UTF_8), 1);
            }
        });
        Thread.sleep(5_000);
        listener.interrupt();
        listener.join();
        Latencies latencies = new Latencies(count);
        List<ReceivedAction> inOrder = List.copyOf(stops);
        for (int i = 0; i < count; i++) {
            Long received = spoken ? (i < inOrder.size() ? inOrder.get(i).receivedNanos() : null)
                    : bySeq.get(3_000_000L + i);
            if (received != null) {
                latencies.record(received - due.get(i));
            }
        }
        if (latencies.count() < count) {
            System.out.printf(Locale.ROOT, "  (%s: %d of %d commands got no stop)%n", spoken ? "spoken" : "typed",
                    count - latencies.count(), count);
        }
        return latencies;
    }

    /** Drains the robot's actions into {@code sink} until interrupted. */
    private static Thread collect(RobotSimulator robot, java.util.function.Consumer<ReceivedAction> sink) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    ReceivedAction action = robot.actions().poll(100, TimeUnit.MILLISECONDS);
                    if (action != null) {
                        sink.accept(action);
                    }
                }
            } catch (InterruptedException e) {
                robot.actions().forEach(sink);
            }
        }, "stop-bench-actions");
        thread.start();
        return thread;
    }

    /** Publishes {@code payload} at {@code rate} for {@code phaseSeconds} on a thread of its own. */
    private static Thread background(String name, double rate, int phaseSeconds, RobotSimulator robot, String topic,
            byte[] payload) {
        Thread thread = new Thread(() -> {
            try {
                Pacer.run((long) (rate * phaseSeconds), rate, i -> robot.publishPipelined(topic, payload, 1));
            } catch (Exception e) {
                System.out.println(name + " stream failed: " + e);
            }
        }, "stop-bench-" + name);
        thread.start();
        return thread;
    }
}
