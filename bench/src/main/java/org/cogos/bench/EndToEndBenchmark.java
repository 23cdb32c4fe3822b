package org.cogos.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.MosquittoBroker;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.RobotSimulator;

/**
 * End-to-end figures of the cogos distribution, each beside a baseline measured in the same run:
 * <ol>
 * <li>cold start: launch → console ready with every module live, and launch → first action at a robot; RSS;</li>
 * <li>percept → action latency at a fixed rate through a loopback Mosquitto, beside the raw MQTT round trip
 * (robot → broker → echo client → broker → robot: the same two broker hops) with the same payloads;</li>
 * <li>the highest rate sustained with no loss (every percept yields its action), several robots at once.</li>
 * </ol>
 * Every scan shows a person 3.75 m ahead and repeat suppression is off, so every percept yields exactly one
 * {@code approach}: a missing action is a lost percept.
 */
public final class EndToEndBenchmark {

    private static final String PREFIX = "cogos/v1";
    private static final double SUSTAINED_P99_MS = 250;

    private final Path distribution;
    private final Path work;
    private final double rate;
    private final int seconds;
    /** Frame 1 of a one-scan-per-second encounter: the person, 3.75 m ahead, no noise. */
    private final LidarScenario scenario = new LidarScenario(1.0, 0.0, 1);

    private EndToEndBenchmark(Path distribution, Path work, double rate, int seconds) {
        this.distribution = distribution;
        this.work = work;
        this.rate = rate;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args.length > 0 ? args[0]
                : "karaf-features/distribution/target/cogos-distribution-0.1.0-SNAPSHOT.tar.gz");
        Path work = Path.of(args.length > 1 ? args[1] : "bench/target/run");
        double rate = Double.parseDouble(System.getProperty("bench.rate", "1000"));
        int seconds = Integer.getInteger("bench.seconds", 10);
        new EndToEndBenchmark(distribution, work, rate, seconds).run();
    }

    private void run() throws Exception {
        deleteTree(work);
        System.out.printf(Locale.ROOT, "cogos end-to-end benchmark: %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        coldStart();
        // As config/mosquitto/cogos.conf ships it for sites (the harness adds its set_tcp_nodelay).
        try (MosquittoBroker mosquitto = MosquittoBroker.start(work.resolve("mosquitto"),
                "max_inflight_messages 1000", "max_queued_messages 100000")) {
            CogosInstance cogos = CogosInstance.unpack(distribution, work.resolve("with-mosquitto"));
            cogos.useExternalBroker(mosquitto.uri());
            cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
            cogos.start(120_000);
            try {
                latency(cogos, mosquitto);
                maxSustained(mosquitto);
                System.out.printf(Locale.ROOT, "RSS after load: %.0f MB%n", cogos.rssBytes() / 1e6);
            } finally {
                cogos.close();
            }
        }
    }

    private byte[] scan(long seq) {
        return scenario.scan(seq, 1, System.currentTimeMillis());
    }

    private void coldStart() throws Exception {
        CogosInstance cogos = CogosInstance.unpack(distribution, work.resolve("cold"));
        String uri = cogos.mqttUri();
        AtomicLong firstAction = new AtomicLong();
        long launched = System.nanoTime();
        Thread robot = new Thread(() -> firstDecision(uri, firstAction), "cold-robot");
        robot.start();
        cogos.start(120_000);
        long ready = System.nanoTime();
        robot.join(120_000);
        long idleRss = cogos.rssBytes();
        cogos.close();
        System.out.printf(Locale.ROOT, "cold start (embedded broker): console ready with all modules live %.2f s;"
                + " first action at a robot %.2f s after launch; RSS idle %.0f MB%n",
                (ready - launched) / 1e9, (firstAction.get() - launched) / 1e9, idleRss / 1e6);
    }

    /** A robot that keeps trying from the moment cogos is launched: connect, then a scan every 50 ms. */
    private void firstDecision(String uri, AtomicLong firstAction) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && firstAction.get() == 0) {
            try (RobotSimulator robot = new RobotSimulator(uri, "cold-robot", PREFIX, 1)) {
                robot.connect();
                robot.addActionListener(a -> firstAction.compareAndSet(0, a.receivedNanos()));
                for (long seq = 0; firstAction.get() == 0 && System.nanoTime() < deadline; seq++) {
                    robot.publishRaw("sensors/lidar", scan(seq), 1, false);
                    Thread.sleep(50);
                }
            } catch (Exception notUpYet) {
                sleep(100);
            }
        }
    }

    private void latency(CogosInstance cogos, MosquittoBroker mosquitto) throws Exception {
        int warmup = (int) (rate * 3);
        int measured = (int) (rate * seconds);
        int total = warmup + measured;

        Spectrum raw;
        double rawAchieved;
        try (MqttEcho echo = new MqttEcho(mosquitto.uri(), "bench/echo/in", "bench/echo/out");
                RoundTrip roundTrip = new RoundTrip(mosquitto.uri(), "bench/echo/in", "bench/echo/out", total)) {
            rawAchieved = Pacer.run(total, rate, (i, due) -> roundTrip.send((int) i, due, scan(i)));
            Thread.sleep(2_000);
            raw = roundTrip.latencies(warmup, total);
        }

        Spectrum cogosLatencies = new Spectrum();
        long lost;
        double achieved;
        try (RobotSimulator robot = new RobotSimulator(mosquitto.uri(), "bench-robot", PREFIX, 1)) {
            robot.connect();
            AtomicLongArray due = new AtomicLongArray(total);
            AtomicLongArray acted = new AtomicLongArray(total);
            robot.addActionListener(a -> {
                if (a.sourceSeq() >= 0 && a.sourceSeq() < total) {
                    acted.compareAndSet((int) a.sourceSeq(), 0, a.receivedNanos());
                }
            });
            achieved = Pacer.run(total, rate, (i, dueNanos) -> {
                due.set((int) i, dueNanos);
                robot.publishPipelined("sensors/lidar", scan(i), 1);
            });
            awaitAll(acted, 0, total, 10_000);
            lost = 0;
            for (int i = warmup; i < total; i++) {
                if (acted.get(i) == 0) {
                    lost++;
                } else {
                    cogosLatencies.record(acted.get(i) - due.get(i));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nlatency at %.0f percepts/s (achieved: raw %.0f/s, cogos %.0f/s) through "
                + "Mosquitto (set_tcp_nodelay), %d measured after %d warm-up, from each percept's scheduled send "
                + "time:%n", rate, rawAchieved, achieved, measured, warmup);
        System.out.println(Spectrum.header());
        System.out.println(raw.row("raw MQTT round trip (echo client)"));
        System.out.println(cogosLatencies.row("cogos percept -> action"));
        System.out.printf(Locale.ROOT, "  ratio cogos/raw: p50 %.2fx, p99 %.2fx, p99.9 %.2fx; lost percepts: %d%n",
                cogosLatencies.percentileMs(50) / raw.percentileMs(50),
                cogosLatencies.percentileMs(99) / raw.percentileMs(99),
                cogosLatencies.percentileMs(99.9) / raw.percentileMs(99.9), lost);
        System.out.printf(Locale.ROOT, "  sensor in lsmod: %s%n", lsmodRow(cogos, "sensor"));
    }

    /**
     * Steps up the total rate over several robots until a step is not sustained: a percept's action missing 5 s
     * after the stream, the rate not kept, or p99 above {@value #SUSTAINED_P99_MS} ms (a growing backlog).
     */
    private void maxSustained(MosquittoBroker mosquitto) throws Exception {
        int robots = Integer.getInteger("bench.robots", 4);
        int stepSeconds = 5;
        double best = 0;
        System.out.printf(Locale.ROOT, "%nmax sustained rate, %d robots, %d s per step:%n", robots, stepSeconds);
        for (double total : new double[] { 1000, 1500, 2000, 2500, 3000, 4000, 6000 }) {
            Step step = step(mosquitto, robots, total / robots, (int) (total / robots * stepSeconds));
            boolean kept = step.lost == 0 && step.achieved >= 0.95 * total
                    && step.latencies.percentileMs(99) <= SUSTAINED_P99_MS;
            System.out.printf(Locale.ROOT, "  target %6.0f/s: sent at %6.0f/s, missing %6d, p50 %8.2f ms, p99 %8.2f ms"
                    + " %s%n", total, step.achieved, step.lost, step.latencies.percentileMs(50),
                    step.latencies.percentileMs(99), kept ? "ok" : "NOT sustained");
            if (!kept) {
                break;
            }
            best = total;
        }
        System.out.printf(Locale.ROOT, "  max sustained (no loss, p99 <= %.0f ms): %.0f percepts/s%n",
                SUSTAINED_P99_MS, best);
    }

    private record Step(double achieved, long lost, Spectrum latencies) {
    }

    private Step step(MosquittoBroker mosquitto, int robots, double perRobot, int count) throws Exception {
        List<RobotSimulator> sims = new ArrayList<>();
        List<AtomicLongArray> due = new ArrayList<>();
        List<AtomicLongArray> acted = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        double[] achieved = new double[robots];
        Throwable[] failure = new Throwable[1];
        try {
            for (int r = 0; r < robots; r++) {
                RobotSimulator sim = new RobotSimulator(mosquitto.uri(), "load-" + r, PREFIX, 1);
                sim.connect();
                AtomicLongArray dueTimes = new AtomicLongArray(count);
                AtomicLongArray actedTimes = new AtomicLongArray(count);
                sim.addActionListener(a -> {
                    if (a.sourceSeq() >= 0 && a.sourceSeq() < count) {
                        actedTimes.compareAndSet((int) a.sourceSeq(), 0, a.receivedNanos());
                    }
                });
                sims.add(sim);
                due.add(dueTimes);
                acted.add(actedTimes);
                int index = r;
                threads.add(new Thread(() -> {
                    try {
                        achieved[index] = Pacer.run(count, perRobot, (i, dueNanos) -> {
                            dueTimes.set((int) i, dueNanos);
                            sim.publishPipelined("sensors/lidar", scan(i), 1);
                        });
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                }, "load-" + r));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure[0] != null) {
                throw new IllegalStateException("load robot failed", failure[0]);
            }
            Spectrum latencies = new Spectrum();
            long lost = 0;
            for (int r = 0; r < robots; r++) {
                awaitAll(acted.get(r), 0, count, 5_000);
                for (int i = 0; i < count; i++) {
                    long at = acted.get(r).get(i);
                    if (at == 0) {
                        lost++;
                    } else {
                        latencies.record(at - due.get(r).get(i));
                    }
                }
            }
            double sum = 0;
            for (double a : achieved) {
                sum += a;
            }
            return new Step(sum, lost, latencies);
        } finally {
            for (RobotSimulator sim : sims) {
                sim.close();
            }
        }
    }

    private static void awaitAll(AtomicLongArray acted, int from, int to, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (int i = from; i < to; i++) {
            while (acted.get(i) == 0 && System.currentTimeMillis() < deadline) {
                sleep(10);
            }
        }
    }

    private static String lsmodRow(CogosInstance cogos, String module) throws Exception {
        return cogos.shell("cog:lsmod").lines().filter(l -> l.startsWith(module + " ")).findFirst().orElse("?")
                .replaceAll("\\s+", " ");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
