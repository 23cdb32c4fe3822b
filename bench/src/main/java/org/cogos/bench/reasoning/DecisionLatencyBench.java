package org.cogos.bench.reasoning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.cogos.api.Action;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Scene;
import org.cogos.api.reasoning.PredicateInfo;
import org.cogos.util.stats.Latencies;
import org.cogos.bench.Pacer;
import org.cogos.harness.Configs;
import org.cogos.api.ActionAck;
import org.cogos.reasoning.internal.RababComponent;
import org.cogos.reasoning.internal.ReasoningConfig;
import org.cogos.rules.internal.RulesConfig;
import org.cogos.rules.internal.RulesEngine;

/**
 * RaBAB against the rules engine on the same scenes in the same run: decision latency at a paced rate (default
 * 1,000 scenes/s for 20 s, after an unpaced warm-up), while a second thread feeds RaBAB robot acks for its actions
 * (done 80 %, failed 20 %) so that its reliability and knowledge-graph writers contend with deciding as in
 * production; then the unpaced maximum throughput of each engine with one and two deciding threads.
 *
 * <p>Each paced step decides one scene with both engines, in alternating order, so both see the same scenes, the
 * same machine noise and the same cache state. Scenes are generated once from a fixed seed: robots r1..r4, a LIDAR
 * scan with a person at 1-5 m and 0-3 obstacles, often a camera person with an estimated distance, some calls for
 * help ("help me" with the audio's speech detection) and some drawing requests.
 *
 * <p>Usage: {@code DecisionLatencyBench [pacedSeconds=20] [ratePerSecond=1000] [throughputSeconds=3]}.
 */
public final class DecisionLatencyBench {

    private static final int DISTINCT_SCENES = 4_096;
    private static final long SEED = 42;
    private static final long WARMUP_NANOS = 5_000_000_000L;
    private static final double ACK_DONE_SHARE = 0.8;
    private static final String[] ROBOTS = {"r1", "r2", "r3", "r4"};
    private static final String[] COLORS = {"red", "green", "blue"};

    /** Consumes decisions of the unpaced loops so the JIT cannot drop them. */
    private static volatile int sink;

    private DecisionLatencyBench() {
    }

    /** An engine under test with its paced-run figures. */
    private record Measured(String name, DecisionEngine engine, Latencies latencies, LongAdder actions) {

        Measured(String name, DecisionEngine engine) {
            this(name, engine, new Latencies(), new LongAdder());
        }

        List<Action> decideTimed(Scene scene) {
            long start = System.nanoTime();
            List<Action> decided = engine.decide(scene);
            latencies.record(System.nanoTime() - start);
            actions.add(decided.size());
            return decided;
        }
    }

    /** Runs the benchmark and prints the figures. */
    public static void main(String[] args) throws Exception {
        int pacedSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 1_000;
        int throughputSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (pacedSeconds < 1 || rate <= 0 || throughputSeconds < 1) {
            throw new IllegalArgumentException("need pacedSeconds >= 1, ratePerSecond > 0, throughputSeconds >= 1; "
                    + "got " + pacedSeconds + ", " + rate + ", " + throughputSeconds);
        }
        Path dataDir = Files.createTempDirectory("rabab-bench");
        // As SCR would make them: the shipped defaults, the data directory a fresh temp directory.
        RababComponent rabab = new RababComponent(
                Configs.of(ReasoningConfig.class, Map.of("dataDir", dataDir.toString())), null);
        RulesEngine rules = new RulesEngine(Configs.defaults(RulesConfig.class));
        List<Scene> scenes = scenes(DISTINCT_SCENES, SEED);

        System.out.printf(Locale.ROOT, "java %s, %d cores; %d distinct scenes (seed %d): %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), scenes.size(), SEED,
                describe(scenes));
        System.out.println("decisions per scene type on the distinct scenes (RaBAB | rules):");
        printAgreement(scenes, rabab, rules);

        long warmupScenes = warmUp(scenes, rabab, rules);
        System.out.printf(Locale.ROOT, "warm-up: %,d scenes decided by each engine, unpaced, in %.0f s%n",
                warmupScenes, WARMUP_NANOS / 1e9);

        pacedRun(scenes, rabab, rules, pacedSeconds, rate);

        System.out.printf(Locale.ROOT, "%nmaximum throughput, unpaced, no acks, %d s per figure (scenes/s):%n",
                throughputSeconds);
        System.out.printf(Locale.ROOT, "%-8s %14s %14s%n", "engine", "1 thread", "2 threads");
        for (DecisionEngine engine : List.of(rules, rabab)) {
            String name = engine == rabab ? "RaBAB" : "rules";
            System.out.printf(Locale.ROOT, "%-8s %,14.0f %,14.0f%n", name,
                    throughput(engine, scenes, 1, throughputSeconds), throughput(engine, scenes, 2, throughputSeconds));
        }
        printReliability(rabab);
        // The component's saver thread is stopped by SCR's deactivate, which is not ours to call: end here.
        System.exit(0);
    }

    /** The paced run: both engines per step, RaBAB's actions acked on a second thread. */
    private static void pacedRun(List<Scene> scenes, RababComponent rabab, RulesEngine rules, int seconds,
            double rate) throws Exception {
        Measured measuredRabab = new Measured("RaBAB", rabab);
        Measured measuredRules = new Measured("rules", rules);
        BlockingQueue<Action> toAck = new LinkedBlockingQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder acked = new LongAdder();
        LongAdder failed = new LongAdder();
        Thread acker = new Thread(() -> feedAcks(rabab, toAck, stop, acked, failed), "bench-acks");
        acker.start();
        long count = Math.round(seconds * rate);
        double achieved;
        try {
            achieved = Pacer.run(count, rate, index -> {
                Scene scene = scenes.get((int) (index % scenes.size()));
                if (index % 2 == 0) {
                    toAck.addAll(measuredRabab.decideTimed(scene));
                    measuredRules.decideTimed(scene);
                } else {
                    measuredRules.decideTimed(scene);
                    toAck.addAll(measuredRabab.decideTimed(scene));
                }
            });
        } finally {
            stop.set(true);
            acker.join();
        }
        System.out.printf(Locale.ROOT, "%ndecision latency at %.0f scenes/s for %d s (achieved %.1f scenes/s, "
                + "%,d scenes, each decided by both engines, alternating which goes first);%n", rate, seconds,
                achieved, count);
        System.out.printf(Locale.ROOT, "meanwhile a second thread fed RaBAB %,d acks of its actions (%,d done, %,d "
                + "failed; %d left unacked at the end), so its reliability and knowledge-graph writers contended "
                + "with deciding%n", acked.sum(), acked.sum() - failed.sum(), failed.sum(), toAck.size());
        System.out.printf(Locale.ROOT, "%-8s %9s %9s %9s %9s %9s %14s%n", "engine", "p50 us", "p90 us", "p99 us",
                "max us", "mean us", "actions/scene");
        for (Measured m : List.of(measuredRules, measuredRabab)) {
            Latencies l = m.latencies();
            System.out.printf(Locale.ROOT, "%-8s %9.1f %9.1f %9.1f %9.0f %9.1f %14.2f%n", m.name(),
                    l.percentileMs(0.5) * 1e3, l.percentileMs(0.9) * 1e3, l.percentileMs(0.99) * 1e3,
                    l.percentileMs(1.0) * 1e3, l.meanMs() * 1e3, (double) m.actions().sum() / l.count());
        }
        Latencies a = measuredRabab.latencies();
        Latencies b = measuredRules.latencies();
        System.out.printf(Locale.ROOT, "ratio RaBAB/rules: p50 %.1fx, p90 %.1fx, p99 %.1fx, max %.1fx%n",
                a.percentileMs(0.5) / b.percentileMs(0.5), a.percentileMs(0.9) / b.percentileMs(0.9),
                a.percentileMs(0.99) / b.percentileMs(0.99), a.percentileMs(1.0) / b.percentileMs(1.0));
    }

    /** Acks each of RaBAB's actions as a robot would: done 80 %, failed 20 %, from a fixed seed. */
    private static void feedAcks(RababComponent rabab, BlockingQueue<Action> toAck, AtomicBoolean stop,
            LongAdder acked, LongAdder failed) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        try {
            while (!stop.get()) {
                Action action = toAck.poll(10, TimeUnit.MILLISECONDS);
                if (action == null) {
                    continue;
                }
                boolean done = random.nextDouble() < ACK_DONE_SHARE;
                rabab.actionAcknowledged(new ActionAck(action, done ? ActionAck.Status.DONE : ActionAck.Status.FAILED,
                        done ? "" : "bench: robot reports failure", 1, System.currentTimeMillis()));
                acked.increment();
                if (!done) {
                    failed.increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the ack feeder was interrupted", e);
        }
    }

    /** Both engines, unpaced, until the warm-up time is up, so both are compiled before anything is measured. */
    private static long warmUp(List<Scene> scenes, DecisionEngine rabab, DecisionEngine rules) {
        long end = System.nanoTime() + WARMUP_NANOS;
        long decided = 0;
        int sum = 0;
        while (System.nanoTime() < end) {
            Scene scene = scenes.get((int) (decided % scenes.size()));
            sum += rabab.decide(scene).size() + rules.decide(scene).size();
            decided++;
        }
        sink = sum;
        return decided;
    }

    /**
     * @return scenes decided per second by {@code threads} threads sharing the engine. As the coordinator does,
     *         a robot's scenes are decided one at a time, different robots in parallel: each thread has its own
     *         robots (RaBAB's plans hold the robot's actuators while they run, so two decisions for one robot at
     *         once would compete for them).
     */
    private static double throughput(DecisionEngine engine, List<Scene> scenes, int threads, int seconds)
            throws InterruptedException {
        LongAdder decided = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Scene> own = robotsOf(scenes, t, threads);
            Thread worker = new Thread(() -> {
                int sum = 0;
                for (int i = 0; !stop.get(); i = (i + 1) % own.size()) {
                    sum += engine.decide(own.get(i)).size();
                    decided.increment();
                }
                sink = sum;
            }, "bench-decide-" + t);
            workers.add(worker);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return decided.sum() / ((System.nanoTime() - start) / 1e9);
    }

    /** The scenes of the robots that thread {@code thread} of {@code threads} decides (r1 and r3: thread 0 of 2). */
    private static List<Scene> robotsOf(List<Scene> scenes, int thread, int threads) {
        List<Scene> own = new ArrayList<>();
        for (Scene scene : scenes) {
            if (List.of(ROBOTS).indexOf(scene.robotId()) % threads == thread) {
                own.add(scene);
            }
        }
        return own;
    }

    /** How often each engine's action types were what for the distinct scenes (not timed). */
    private static void printAgreement(List<Scene> scenes, DecisionEngine rabab, DecisionEngine rules) {
        Map<String, int[]> outcomes = new TreeMap<>();
        int same = 0;
        for (Scene scene : scenes) {
            String byRabab = types(rabab.decide(scene));
            String byRules = types(rules.decide(scene));
            outcomes.computeIfAbsent(byRabab + " | " + byRules, k -> new int[1])[0]++;
            if (byRabab.equals(byRules)) {
                same++;
            }
        }
        outcomes.entrySet().stream().sorted(Comparator.comparingInt(e -> -e.getValue()[0]))
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5d  %s%n", e.getValue()[0], e.getKey()));
        System.out.printf(Locale.ROOT, "  same action types on %d of %d scenes (rules do not draw; RaBAB also "
                + "draws beside an approach or a stop)%n", same, scenes.size());
    }

    private static String types(List<Action> actions) {
        return actions.isEmpty() ? "-" : actions.stream().map(Action::type).collect(Collectors.joining("+"));
    }

    /** What the acks taught RaBAB: its goal rules' reliability (about 0.8 once acked often). */
    private static void printReliability(RababComponent rabab) {
        System.out.println();
        System.out.println("RaBAB's rules after the acks (posterior mean, successes/failures):");
        for (PredicateInfo p : rabab.predicates()) {
            if (p.successes() + p.failures() > 0) {
                System.out.printf(Locale.ROOT, "  %-16s %.3f  %,d/%,d%n", p.name(), p.reliability(), p.successes(),
                        p.failures());
            }
        }
        System.out.printf(Locale.ROOT, "knowledge graph: %d edges%n",
                rabab.knowledge(null, null, null, 0, Integer.MAX_VALUE).size());
    }

    /** The fixed scene mix: robot, LIDAR always, camera 70 %, help 25 %, drawing 15 %. */
    static List<Scene> scenes(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] sequences = new long[ROBOTS.length];
        List<Scene> scenes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int robotIndex = random.nextInt(ROBOTS.length);
            String robot = ROBOTS[robotIndex];
            long seq = ++sequences[robotIndex] * 10;
            double personDistance = 1 + 4 * random.nextDouble();
            double bearing = -1 + 2 * random.nextDouble();
            List<Detection> scan = new ArrayList<>();
            scan.add(new Detection("person", 0.75 + 0.24 * random.nextDouble(), personDistance, bearing, 0.45));
            for (int o = random.nextInt(4); o > 0; o--) {
                // One scene in about 25 has an obstacle under the 0.5 m stop distance.
                double distance = random.nextInt(25) == 0 ? 0.2 + 0.25 * random.nextDouble()
                        : 0.6 + 7 * random.nextDouble();
                scan.add(new Detection("obstacle", 1, distance, -1.5 + 3 * random.nextDouble(),
                        0.1 + random.nextDouble()));
            }
            Observation lidar = new Observation(robot, "lidar", "sensor", seq, seq, 0, 0, scan);
            List<Observation> observations = new ArrayList<>();
            observations.add(lidar);
            if (random.nextDouble() < 0.7) {
                double estimated = personDistance * (0.8 + 0.4 * random.nextDouble());
                observations.add(new Observation(robot, "camera", "vision", seq - 1, seq - 1, 0, 0, List.of(
                        new Detection("person", 0.5 + 0.45 * random.nextDouble(), estimated, bearing + 0.02, 0.5,
                                Map.of(Detection.DISTANCE_METHOD, "box_height")))));
            }
            Observation trigger = lidar;
            double utterance = random.nextDouble();
            if (utterance < 0.25) {
                observations.add(new Observation(robot, "audio", "audio", seq - 2, seq - 2, 0, 0,
                        List.of(Detection.nonSpatial("speech", 0.9 + 0.09 * random.nextDouble(),
                                Map.of("duration_ms", "900")))));
                trigger = new Observation(robot, "text", "language", seq - 2, seq - 2, 0, 0,
                        List.of(Detection.nonSpatial("help", 0.95, Map.of("text", "help me"))));
                observations.add(trigger);
            } else if (utterance < 0.40) {
                String sentence = String.format(Locale.ROOT, "draw a %s pixel at (%d, %d)",
                        COLORS[random.nextInt(COLORS.length)], random.nextInt(640), random.nextInt(480));
                trigger = new Observation(robot, "text", "language", seq - 2, seq - 2, 0, 0,
                        List.of(Detection.nonSpatial("unknown", 0.4, Map.of("text", sentence))));
                observations.add(trigger);
            }
            scenes.add(new Scene(robot, seq / 10, System.currentTimeMillis(), observations, trigger));
        }
        return scenes;
    }

    private static String describe(List<Scene> scenes) {
        long camera = scenes.stream().filter(s -> has(s, "camera")).count();
        long help = scenes.stream().filter(s -> !s.detections("help").isEmpty()).count();
        long draw = scenes.stream().filter(s -> !s.detections("unknown").isEmpty()).count();
        long obstacles = scenes.stream().mapToLong(s -> s.detections("obstacle").size()).sum();
        return String.format(Locale.ROOT, "LIDAR person 1-5 m in all, camera person %d, \"help me\" + speech %d, "
                + "\"draw a <colour> pixel at (x, y)\" %d, %.1f obstacles per scene", camera, help, draw,
                (double) obstacles / scenes.size());
    }

    private static boolean has(Scene scene, String modality) {
        return scene.observations().stream().anyMatch(o -> o.modality().equals(modality));
    }
}
