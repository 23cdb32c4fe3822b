package org.cogos.bench;

import java.io.IOException;
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
import org.cogos.harness.ProcessCpu;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.RobotSimulator;

/**
 * End-to-end figures of the cogos distribution, each beside a baseline measured in the same run:
 * <ol>
 * <li>cold start: launch → console ready with every module live, and launch → first action at a robot; RSS;</li>
 * <li>percept → action latency at a fixed rate through a loopback Mosquitto, beside the raw MQTT round trip
 * (robot → broker → echo client → broker → robot: the same two broker hops) with the same payloads;</li>
 * <li>the highest rate a fleet of robots sustains (every percept yields its action, p99 at most 50 ms), beside
 * the highest rate the raw MQTT round trip sustains with as many connections.</li>
 * </ol>
 * Every scan shows a person 3.75 m ahead and repeat suppression is off, so every percept yields exactly one
 * {@code approach}: a missing action is a lost percept.
 */
public final class EndToEndBenchmark {

    private static final String PREFIX = "cogos/v1";
    private static final double SUSTAINED_P99_MS = 50;
    private static final long IDLE_AFTER_READY_MS = 30_000;
    private static final String COLD_ROBOT = "cold-robot";

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
        // -Dbench.parts=latency (or cold, fleet, comma separated) runs only those parts, e.g. while profiling.
        List<String> parts = List.of(System.getProperty("bench.parts", "cold,latency,fleet").split(","));
        if (parts.contains("cold")) {
            // As shipped, the speech recognisers load at the first audio percept; preloaded, at start.
            coldStart(false);
            coldStart(true);
        }
        if (!parts.contains("latency") && !parts.contains("fleet")) {
            return;
        }
        // As config/mosquitto/cogos.conf ships it for sites (the harness adds its set_tcp_nodelay).
        try (MosquittoBroker mosquitto = MosquittoBroker.start(work.resolve("mosquitto"),
                "max_inflight_messages 1000", "max_queued_messages 100000")) {
            CogosInstance cogos = CogosInstance.unpack(distribution, work.resolve("with-mosquitto"));
            cogos.useExternalBroker(mosquitto.uri());
            cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
            // e.g. -XX:StartFlightRecording=filename=...,settings=profile: how bench/README.md's profiles were made
            cogos.addJavaOptions(System.getProperty("bench.cogosJavaOpts", ""));
            cogos.start(120_000);
            try {
                // -Dbench.rmmod=audio,vision: measure without those modules (what a module costs the data path)
                for (String module : System.getProperty("bench.rmmod", "").split(",")) {
                    if (!module.isBlank()) {
                        System.out.println(cogos.shell("cog:rmmod " + module.trim()).trim());
                    }
                }
                if (parts.contains("latency")) {
                    latency(cogos, mosquitto);
                }
                if (parts.contains("fleet")) {
                    fleet(mosquitto, cogos);
                }
                System.out.printf(Locale.ROOT, "RSS after load: %.0f MB%n", cogos.rssBytes() / 1e6);
            } finally {
                cogos.close();
            }
        }
    }

    private byte[] scan(long seq) {
        return scenario.scan(seq, 1, System.currentTimeMillis());
    }

    private void coldStart(boolean preloadRecognizers) throws Exception {
        CogosInstance cogos = CogosInstance.unpack(distribution,
                work.resolve(preloadRecognizers ? "cold-preloaded" : "cold"));
        cogos.configure("org.cogos.audio", "preloadRecognizers", Boolean.toString(preloadRecognizers));
        cogos.addJavaOptions(System.getProperty("bench.cogosJavaOpts", ""));
        String uri = cogos.mqttUri();
        String password = cogos.robotPassword(COLD_ROBOT);
        AtomicLong firstAction = new AtomicLong();
        long launched = System.nanoTime();
        Thread robot = new Thread(() -> firstDecision(uri, password, firstAction), COLD_ROBOT);
        robot.start();
        cogos.start(120_000);
        long ready = System.nanoTime();
        robot.join(120_000);
        long readyRss = cogos.rssBytes();
        // At rest: the robot has gone, nothing runs; what an idle cogos keeps.
        Thread.sleep(Math.max(0, IDLE_AFTER_READY_MS - (System.nanoTime() - ready) / 1_000_000));
        long idleRss = cogos.rssBytes();
        cogos.close();
        System.out.printf(Locale.ROOT, "cold start (embedded broker, speech recognisers %s): console ready with all"
                + " modules live %.2f s; first action at a robot %.2f s after launch; RSS when ready %.0f MB, idle %d s"
                + " later %.0f MB%n", preloadRecognizers ? "preloaded" : "at the first audio percept",
                (ready - launched) / 1e9, (firstAction.get() - launched) / 1e9, readyRss / 1e6,
                IDLE_AFTER_READY_MS / 1000, idleRss / 1e6);
    }

    /** A robot that keeps trying from the moment cogos is launched: connect, then a scan every 50 ms. */
    private void firstDecision(String uri, String password, AtomicLong firstAction) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && firstAction.get() == 0) {
            try (RobotSimulator robot = new RobotSimulator(uri, COLD_ROBOT, PREFIX, 1).setPassword(password)) {
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
        // A freshly started JVM runs interpreted, then compiles: at 1,000/s cogos needs about 10 s to reach its
        // steady state (bench/README.md), so the first seconds are warm-up, for both paths alike.
        int warmup = (int) (rate * Integer.getInteger("bench.warmupSeconds", 15));
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
                robot.actions().poll(); // recorded above; kept, they would fill the load generator's old generation
            });
            achieved = Pacer.run(total, rate, (i, dueNanos) -> {
                due.set((int) i, dueNanos);
                robot.publishPipelined("sensors/lidar", scan(i), 1);
            });
            awaitAll(acted, 0, total, System.currentTimeMillis() + 10_000);
            if (Boolean.getBoolean("bench.timeline")) {
                printTimeline(due, acted, (int) rate);
            }
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
     * A fleet (`bench.robots`, default 100, each its own MQTT connection) streaming LIDAR, stepping up the total
     * rate. Each step runs the raw MQTT round trip first (the machine's own limit: one echo client, same payloads,
     * same connections count), then cogos. A step is sustained when every percept is answered within 5 s after the
     * stream, the rate is kept, and p99 stays at or below {@value #SUSTAINED_P99_MS} ms.
     */
    private void fleet(MosquittoBroker mosquitto, CogosInstance cogos) throws Exception {
        long[] pids = { mosquitto.pid(), cogos.pid(), ProcessHandle.current().pid() };
        int robots = Integer.getInteger("bench.robots", 100);
        int stepSeconds = 5;
        double bestRaw = 0;
        double bestCogos = 0;
        boolean rawKept = true;
        boolean cogosKept = true;
        System.out.printf(Locale.ROOT, "%nfleet: %d robots, LIDAR, %d s per step, sustained = no loss, rate kept, "
                + "p99 <= %.0f ms:%n", robots, stepSeconds, SUSTAINED_P99_MS);
        // Warm-up, not counted: both JVMs compile the paths a fleet takes (many connections, per-robot state).
        rawStep(mosquitto, robots, 1000.0 / robots, 10 * 1000 / robots, pids);
        step(mosquitto, robots, 1000.0 / robots, 15 * 1000 / robots, pids);
        String rates = System.getProperty("bench.fleetRates", "1000,2000,3000,5000,7500,10000,15000,20000");
        for (String rate : rates.split(",")) {
            double total = Double.parseDouble(rate.trim());
            int count = (int) (total / robots * stepSeconds);
            if (rawKept) {
                Step raw = rawStep(mosquitto, robots, total / robots, count, pids);
                rawKept = print("raw MQTT round trip", total, raw, "the echo client runs in the load generator");
                bestRaw = rawKept ? total : bestRaw;
            }
            if (cogosKept) {
                Step step = step(mosquitto, robots, total / robots, count, pids);
                cogosKept = print("cogos percept -> action", total, step, "the robots ack each action");
                bestCogos = cogosKept ? total : bestCogos;
            }
            if (!rawKept && !cogosKept) {
                break;
            }
        }
        System.out.printf(Locale.ROOT, "  max sustained: raw MQTT %.0f/s, cogos %.0f/s (%.2fx of raw)%n", bestRaw,
                bestCogos, bestRaw == 0 ? 0 : bestCogos / bestRaw);
    }

    private static long[] cpuNanos(long[] pids) throws IOException {
        long[] nanos = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            nanos[i] = ProcessCpu.nanos(pids[i]);
        }
        return nanos;
    }

    /** @return whether the step was sustained */
    private static boolean print(String path, double total, Step step, String note) {
        boolean kept = step.lost == 0 && step.achieved >= 0.95 * total
                && step.latencies.percentileMs(99) <= SUSTAINED_P99_MS;
        System.out.printf(Locale.ROOT, "  %-24s target %6.0f/s: sent at %6.0f/s, missing %6d, p50 %8.2f ms, "
                + "p99 %8.2f ms, max %8.2f ms %s%n", path, total, step.achieved, step.lost,
                step.latencies.percentileMs(50), step.latencies.percentileMs(99), step.latencies.maxMs(),
                kept ? "ok" : "NOT sustained");
        // Each process's CPU while the stream ran, in cores: where the machine's 2 cores went.
        System.out.printf(Locale.ROOT, "    CPU in cores while streaming: Mosquitto %.2f, cogos JVM %.2f, load "
                + "generator %.2f (%s)%n", step.cores[0], step.cores[1], step.cores[2], note);
        return kept;
    }

    /** @param cores CPU used while streaming by Mosquitto, the cogos JVM and this JVM, in cores */
    private record Step(double achieved, long lost, Spectrum latencies, double[] cores) {
    }

    /** Runs the stream and measures the CPU each of {@code pids} used meanwhile. */
    private static double[] measuredCores(long[] pids, double[] achieved, StreamRun stream) throws Exception {
        long[] before = cpuNanos(pids);
        long start = System.nanoTime();
        achieved[0] = stream.run();
        long[] after = cpuNanos(pids);
        double wall = System.nanoTime() - start;
        double[] cores = new double[pids.length];
        for (int i = 0; i < pids.length; i++) {
            cores[i] = (after[i] - before[i]) / wall;
        }
        return cores;
    }

    private interface StreamRun {
        double run() throws Exception;
    }

    /** The baseline of a fleet step: each robot's scans echoed back to it by one echo client. */
    private Step rawStep(MosquittoBroker mosquitto, int robots, double perRobot, int count, long[] pids)
            throws Exception {
        List<RoundTrip> trips = new ArrayList<>();
        try (MqttEcho echo = new MqttEcho(mosquitto.uri(), "bench/fleet/+/in",
                topic -> topic.substring(0, topic.length() - "in".length()) + "out")) {
            for (int r = 0; r < robots; r++) {
                trips.add(new RoundTrip(mosquitto.uri(), "fleet-raw-" + r, "bench/fleet/" + r + "/in",
                        "bench/fleet/" + r + "/out", count));
            }
            double[] achieved = new double[1];
            double[] cores = measuredCores(pids, achieved, () -> paced(robots, perRobot, count,
                    (r, i, due) -> trips.get(r).send((int) i, due, scan(i))));
            Spectrum latencies = new Spectrum();
            long lost = 0;
            long deadline = System.currentTimeMillis() + 5_000;
            for (RoundTrip trip : trips) {
                trip.awaitEchoes(count, deadline);
                lost += trip.record(latencies, 0, count);
            }
            return new Step(achieved[0], lost, latencies, cores);
        } finally {
            for (RoundTrip trip : trips) {
                trip.close();
            }
        }
    }

    private interface RobotStep {
        void run(int robot, long index, long dueNanos) throws Exception;
    }

    /** Runs each robot's stream on its own thread at {@code perRobot}/s. @return the total rate achieved */
    private static double paced(int robots, double perRobot, int count, RobotStep step) throws Exception {
        double[] achieved = new double[robots];
        Throwable[] failure = new Throwable[1];
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < robots; r++) {
            int robot = r;
            threads.add(new Thread(() -> {
                try {
                    achieved[robot] = Pacer.run(count, perRobot, (i, due) -> step.run(robot, i, due));
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
        double sum = 0;
        for (double a : achieved) {
            sum += a;
        }
        return sum;
    }

    private Step step(MosquittoBroker mosquitto, int robots, double perRobot, int count, long[] pids)
            throws Exception {
        List<RobotSimulator> sims = new ArrayList<>();
        List<AtomicLongArray> due = new ArrayList<>();
        List<AtomicLongArray> acted = new ArrayList<>();
        try {
            for (int r = 0; r < robots; r++) {
                RobotSimulator sim = new RobotSimulator(mosquitto.uri(), "load-" + r, PREFIX, 1);
                sim.connect();
                AtomicLongArray actedTimes = new AtomicLongArray(count);
                sim.addActionListener(a -> {
                    if (a.sourceSeq() >= 0 && a.sourceSeq() < count) {
                        actedTimes.compareAndSet((int) a.sourceSeq(), 0, a.receivedNanos());
                    }
                    sim.actions().poll();
                });
                sims.add(sim);
                due.add(new AtomicLongArray(count));
                acted.add(actedTimes);
            }
            double[] achieved = new double[1];
            double[] cores = measuredCores(pids, achieved, () -> paced(robots, perRobot, count, (r, i, dueNanos) -> {
                due.get(r).set((int) i, dueNanos);
                sims.get(r).publishPipelined("sensors/lidar", scan(i), 1);
            }));
            Spectrum latencies = new Spectrum();
            long lost = 0;
            long deadline = System.currentTimeMillis() + 5_000;
            for (int r = 0; r < robots; r++) {
                awaitAll(acted.get(r), 0, count, deadline);
                for (int i = 0; i < count; i++) {
                    long at = acted.get(r).get(i);
                    if (at == 0) {
                        lost++;
                    } else {
                        latencies.record(at - due.get(r).get(i));
                    }
                }
            }
            return new Step(achieved[0], lost, latencies, cores);
        } finally {
            for (RobotSimulator sim : sims) {
                sim.close();
            }
        }
    }

    /** Per second of the stream, the worst latency: shows whether outliers are stalls or a growing backlog. */
    private static void printTimeline(AtomicLongArray due, AtomicLongArray acted, int perSecond) {
        StringBuilder line = new StringBuilder("  worst latency per second (ms):");
        for (int from = 0; from < due.length(); from += perSecond) {
            long worst = 0;
            for (int i = from; i < Math.min(due.length(), from + perSecond); i++) {
                worst = Math.max(worst, acted.get(i) == 0 ? Long.MAX_VALUE / 2 : acted.get(i) - due.get(i));
            }
            line.append(String.format(Locale.ROOT, " %.0f", worst / 1e6));
        }
        System.out.println(line);
    }

    /** Waits until each of {@code [from, to)} has its time set, at most until {@code deadline} (epoch ms). */
    static void awaitAll(AtomicLongArray acted, int from, int to, long deadline) {
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
