package org.cogos.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.MessageCallback;
import org.cogos.harness.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * A soak of the cogos distribution (issue 16): a fleet of robots ({@code bench.robots}, default 100), each its own
 * MQTT connection, streaming LIDAR at 10 Hz, text at 1 Hz, a camera JPEG at 1 Hz and a WAV every 5 s for
 * {@code bench.minutes} (default 10) through a loopback Mosquitto. Every {@code bench.sampleSeconds} (default 10):
 * the cogos JVM's heap after its last collection, its RSS, the actions the robots received and the percepts cogos
 * refused so far. The verdict is "flat" when the last minute's mean heap and RSS are each at most
 * {@value #FLAT_RATIO} times the second minute's (the first is warm-up: the JIT, the speech recognisers loading at
 * the first utterance). Then p99 per modality, errors and lost actions; the samples go to a CSV and an SVG plot.
 * Every scan shows a person 3.75 m ahead and repeat suppression is off, so every scan yields one {@code approach}:
 * a scan without one is a lost action.
 */
public final class SoakBenchmark {

    private static final String PREFIX = "cogos/v1";
    private static final double FLAT_RATIO = 1.1;
    private static final long DRAIN_MS = 30_000;
    private static final Path FIXTURES = Path.of("bundles");
    private static final Path CAMERA_FRAME = FIXTURES.resolve(
            "vision/src/test/resources/org/cogos/vision/internal/astronaut.jpg");
    /** "hello robot" (espeak-ng): a greeting, answered with one {@code speak} on its own scene only. */
    private static final Path SPOKEN_HELLO = FIXTURES.resolve(
            "audio/src/test/resources/fixtures/commands/c19-en-us-150.wav");
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");
    /** Modules of cog:lsmod by the modality they serve. */
    private static final Map<String, String> MODULES = Map.of("lidar", "sensor", "text", "language", "camera",
            "vision", "audio", "audio");

    private final Path distribution;
    private final Path work;
    private final int robots = Integer.getInteger("bench.robots", 100);
    private final int minutes = Integer.getInteger("bench.minutes", 10);
    private final int sampleSeconds = Integer.getInteger("bench.sampleSeconds", 10);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 15);
    /** Robots join one after another over this time; 0 starts them all at once. */
    private final int rampSeconds = Integer.getInteger("bench.rampSeconds", 30);
    /** Which sensors the robots send: all four unless e.g. {@code -Dbench.modalities=lidar,text}. */
    private final Set<String> modalities = Set.of(System.getProperty("bench.modalities", "lidar,text,camera,audio")
            .split(","));
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();

    private SoakBenchmark(Path distribution, Path work) {
        this.distribution = distribution;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args.length > 0 ? args[0]
                : "karaf-features/distribution/target/cogos-distribution-0.1.0-SNAPSHOT.tar.gz");
        Path work = Path.of(args.length > 1 ? args[1] : "bench/target/soak-run");
        new SoakBenchmark(distribution, work).run();
    }

    private void run() throws Exception {
        EndToEndBenchmark.deleteTree(work);
        System.out.printf(Locale.ROOT, "cogos soak: %d robots x %s of (LIDAR 10 Hz, text 1 Hz, camera JPEG 1 Hz, "
                + "WAV every 5 s) for %d min, joining over the first %d s, sampled every %d s; %d cores, Java %s%n",
                robots, modalities, minutes, rampSeconds, sampleSeconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        // As config/mosquitto/cogos.conf ships it for sites (the harness adds its set_tcp_nodelay).
        try (MosquittoBroker mosquitto = MosquittoBroker.start(work.resolve("mosquitto"), "max_topic_alias 0",
                "max_inflight_messages 1000", "max_queued_messages 100000")) {
            CogosInstance cogos = CogosInstance.unpack(distribution, work.resolve("cogos"));
            cogos.useExternalBroker(mosquitto.uri());
            cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
            cogos.addJavaOptions(System.getProperty("bench.cogosJavaOpts", ""));
            cogos.start(120_000);
            try {
                soak(mosquitto.uri(), cogos);
            } finally {
                cogos.close();
            }
        }
    }

    /** Connects the fleet, then streams, samples while streaming, drains, and prints and writes what it found. */
    private void soak(String uri, CogosInstance cogos) throws Exception {
        MqttClient errorWatcher = watchErrors(uri);
        List<SoakRobot> fleet = new ArrayList<>();
        try {
            SoakRobot.Payloads payloads = new SoakRobot.Payloads(Files.readAllBytes(CAMERA_FRAME),
                    Files.readAllBytes(SPOKEN_HELLO), "hello robot", modalities);
            int ticks = (int) (minutes * 60 * SoakRobot.TICKS_PER_SECOND);
            for (int r = 0; r < robots; r++) {
                fleet.add(new SoakRobot(uri, "soak-" + r, payloads, ticks - rampTicks(r)));
            }
            long started = System.nanoTime();
            List<Thread> streams = startStreams(fleet);
            List<SoakSample> samples = sampleWhileStreaming(cogos, fleet, started);
            for (Thread stream : streams) {
                stream.join();
            }
            double drained = drain(fleet);
            printSamples(samples);
            printVerdict(samples);
            printLatencies(cogos, fleet, started + TimeUnit.SECONDS.toNanos(warmupSeconds));
            printErrorsAndLosses(cogos, fleet, drained);
            writeFiles(samples);
        } finally {
            for (SoakRobot robot : fleet) {
                robot.close();
            }
            errorWatcher.disconnect();
            errorWatcher.close();
        }
    }

    private List<Thread> startStreams(List<SoakRobot> fleet) {
        long period = Math.round(1e9 / SoakRobot.TICKS_PER_SECOND);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < fleet.size(); r++) {
            SoakRobot robot = fleet.get(r);
            long phase = period * rampTicks(r) + period * r / fleet.size();
            Thread thread = new Thread(() -> {
                try {
                    robot.stream(phase);
                } catch (Exception e) {
                    System.out.println("a robot's stream failed, the others go on: " + e);
                }
            }, "soak-" + r);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /**
     * The ticks robot {@code r} waits before it starts, so the fleet joins over {@link #rampSeconds} as robots
     * come online one after another, not all in the same 100 ms; every robot ends with the run.
     */
    private int rampTicks(int r) {
        return (int) (rampSeconds * SoakRobot.TICKS_PER_SECOND * r / robots);
    }

    /** One sample every {@link #sampleSeconds} from {@code started}, for {@link #minutes}. */
    private List<SoakSample> sampleWhileStreaming(CogosInstance cogos, List<SoakRobot> fleet, long started)
            throws Exception {
        List<SoakSample> samples = new ArrayList<>();
        for (int second = sampleSeconds; second <= minutes * 60; second += sampleSeconds) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, started + TimeUnit.SECONDS.toNanos(second) - System.nanoTime()));
            long actions = fleet.stream().mapToLong(SoakRobot::actions).sum();
            long heap = heapAfterLastGc(cogos.pid());
            // Twice only, at the ends of the minutes the verdict compares: a forced full collection a minute made
            // the scans' p99 1.4 s where it was 66 ms without (each pause leaves a backlog on loaded cores).
            boolean compared = second == 2 * 60 || second == minutes * 60;
            long live = compared ? liveHeap(cogos.pid()) : -1;
            samples.add(new SoakSample(second, heap, live, cogos.rssBytes(), actions, errors.get()));
        }
        return samples;
    }

    /**
     * The heap used after the last collection, from {@code jstat -gc}: survivors plus old generation (S0U + S1U +
     * OU). Eden is empty after every collection, and the survivors and the old generation change only at
     * collections (but for humongous objects, which G1 allocates straight into old regions). jstat rather than
     * {@code jcmd GC.heap_info}: jstat reads the counters cogos's JVM publishes anyway in its perf-data file, so
     * nothing runs in cogos, while jcmd attaches and runs its command inside cogos's JVM, on the cores being
     * measured. Either costs a short-lived JVM here, about 0.3 s of CPU: 3 % of a core at one sample per 10 s.
     */
    private static long heapAfterLastGc(long pid) throws IOException, InterruptedException {
        Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                String.valueOf(pid)).redirectErrorStream(true).start();
        String[] lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
                .split("\\R");
        if (jstat.waitFor() != 0 || lines.length < 2) {
            throw new IOException("jstat -gc " + pid + " failed: " + String.join("\n", lines));
        }
        List<String> columns = Arrays.asList(lines[0].trim().split("\\s+"));
        String[] values = lines[1].trim().split("\\s+");
        double kilobytes = 0;
        for (String column : List.of("S0U", "S1U", "OU")) {
            kilobytes += Double.parseDouble(values[columns.indexOf(column)]);
        }
        return Math.round(kilobytes * 1024);
    }

    /**
     * What is live on cogos's heap: a full collection ({@code jcmd GC.run}, System.gc, which G1 runs stop-the-world
     * unless told otherwise), then the heap after it. The heap after the last young collection alone said little:
     * G1 leaves the old generation's garbage for a mixed collection minutes later, so one run's second minute read
     * 475 MB and its last 189 MB, the next run's 190 and 342, with the same code. The price is a pause, which the
     * latencies include.
     */
    private static long liveHeap(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.run").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " GC.run failed: " + output.strip());
        }
        return heapAfterLastGc(pid);
    }

    /**
     * Counts what cogos publishes on the robots' error topics (and the system's, for ids that cannot be a topic):
     * one message per refused percept, by code.
     */
    private MqttClient watchErrors(String uri) throws Exception {
        MqttClient client = new MqttClient(uri, "soak-error-watcher", new MemoryPersistence());
        client.setCallback((MessageCallback) (topic, message) -> {
            errors.incrementAndGet();
            Matcher code = ERROR_CODE.matcher(new String(message.getPayload(), StandardCharsets.UTF_8));
            errorsByCode.computeIfAbsent(code.find() ? code.group(1) : "?", c -> new LongAdder()).increment();
        });
        client.connect();
        client.subscribe(new String[] {PREFIX + "/robots/+/errors", PREFIX + "/system/errors"}, new int[] {0, 0});
        return client;
    }

    /** Waits until every matched percept has its answer, at most {@link #DRAIN_MS}. @return seconds it took */
    private static double drain(List<SoakRobot> fleet) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = System.currentTimeMillis() + DRAIN_MS;
        while (fleet.stream().mapToLong(SoakRobot::unanswered).sum() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void printSamples(List<SoakSample> samples) {
        System.out.printf(Locale.ROOT, "%nsamples every %d s: the cogos JVM's heap after its last GC (jstat -gc: "
                + "S0U + S1U + OU) and RSS (/proc VmRSS); actions received by the robots and percepts refused "
                + "(their error topics), totals so far:%n", sampleSeconds);
        System.out.printf(Locale.ROOT, "  %7s %9s %9s %9s %10s %8s%n", "minute", "heap MB", "live MB", "RSS MB",
                "actions", "errors");
        for (SoakSample s : samples) {
            System.out.printf(Locale.ROOT, "  %7.2f %9.1f %9s %9.1f %10d %8d%n", s.minute(), s.heapMb(),
                    s.liveMbCell(), s.rssMb(), s.actions(), s.errors());
        }
    }

    /**
     * Flat: the live heap and the RSS after the full collection at the end of the last minute each at most
     * {@link #FLAT_RATIO} times those at the end of the second minute.
     */
    private void printVerdict(List<SoakSample> samples) {
        List<SoakSample> second = minute(samples, 2);
        List<SoakSample> last = minute(samples, minutes);
        if (second.isEmpty() || last.isEmpty()) {
            System.out.printf(Locale.ROOT, "verdict: none, a run of %d min has no second minute to compare with "
                    + "(-Dbench.minutes >= 2)%n", minutes);
            return;
        }
        // Compared at the same point of the collector's cycle, right after a full collection: G1's cycle takes
        // minutes here, so a minute's mean of the heap after young collections, and of the RSS that follows the heap
        // G1 keeps committed, depends on where in that cycle the minute fell (one run: RSS means 1.11x, RSS after
        // the full collections 0.93x, live heap 0.95x).
        double[] live = {mean(second, SoakSample::liveMb), mean(last, SoakSample::liveMb)};
        double[] rssAfterGc = {mean(afterFullGc(second), SoakSample::rssMb),
                mean(afterFullGc(last), SoakSample::rssMb)};
        double[] heap = {mean(second, SoakSample::heapMb), mean(last, SoakSample::heapMb)};
        double[] rss = {mean(second, SoakSample::rssMb), mean(last, SoakSample::rssMb)};
        System.out.printf(Locale.ROOT, "end of the last minute / end of the second, after a full GC: live heap %.1f / "
                + "%.1f MB = %.2fx, RSS %.1f / %.1f MB = %.2fx (flat: both <= %.1fx)%n", live[1], live[0],
                live[1] / live[0], rssAfterGc[1], rssAfterGc[0], rssAfterGc[1] / rssAfterGc[0], FLAT_RATIO);
        System.out.printf(Locale.ROOT, "for reference, the minutes' means: heap after the last GC %.1f / %.1f MB = "
                + "%.2fx, RSS %.1f / %.1f MB = %.2fx%n", heap[1], heap[0], heap[1] / heap[0], rss[1], rss[0],
                rss[1] / rss[0]);
        boolean flat = live[1] / live[0] <= FLAT_RATIO && rssAfterGc[1] / rssAfterGc[0] <= FLAT_RATIO;
        System.out.println("verdict: " + (flat ? "flat" : "NOT flat"));
    }

    /** The samples taken during minute {@code n} (1-based): after n - 1 minutes, up to and including n. */
    private static List<SoakSample> minute(List<SoakSample> samples, int n) {
        return samples.stream().filter(s -> s.second() > (n - 1) * 60 && s.second() <= n * 60).toList();
    }

    /** The samples taken right after a forced full collection (those with a live heap). */
    static List<SoakSample> afterFullGc(List<SoakSample> samples) {
        return samples.stream().filter(s -> s.liveBytes() >= 0).toList();
    }

    /** The mean of the values measured (NaN ones, not measured at that sample, left out). */
    private static double mean(List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
        return samples.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private void printLatencies(CogosInstance cogos, List<SoakRobot> fleet, long warmedUp) throws Exception {
        System.out.printf(Locale.ROOT, "%np99 per modality. End to end: from each percept's scheduled send time to "
                + "its answer at the robot, percepts due after the first %d s (warm-up):%n", warmupSeconds);
        System.out.println(Spectrum.header());
        System.out.println(endToEnd(fleet, SoakRobot::scans, warmedUp).row("lidar: scan -> its approach"));
        System.out.println(endToEnd(fleet, SoakRobot::texts, warmedUp).row("text: \"hello robot\" -> its speak"));
        System.out.println(endToEnd(fleet, SoakRobot::utterances, warmedUp).row("audio: WAV -> a speak"));
        System.out.println("  (text: matched by source_seq; audio: a transcript carries no seq, so each speak "
                + "without one is taken for the robot's oldest unanswered WAV; camera: no end-to-end figure, a frame "
                + "carries no seq and vision keeps only each robot's newest waiting frame)");
        System.out.println("processing inside cogos, cog:lsmod's p99 over each module's last 2,048 percepts: its "
                + "process() call, percept in, observation out, waits inside the module included (a busy speech "
                + "recogniser); no MQTT, no waiting in the router's lane:");
        Map<String, String[]> lsmod = lsmod(cogos);
        String[] notLoaded = new String[9];
        Arrays.fill(notLoaded, "-");
        for (String modality : List.of("lidar", "text", "camera", "audio")) {
            String module = MODULES.get(modality);
            String[] row = lsmod.getOrDefault(module, notLoaded);
            System.out.printf(Locale.ROOT, "  %-7s %-9s p99 %9s  processed %8s, errors %6s, superseded %6s%n",
                    modality, module, row[5], row[6], row[7], row[8]);
        }
    }

    private static Spectrum endToEnd(List<SoakRobot> fleet, Function<SoakRobot, SoakRobot.Answers> modality,
            long warmedUp) {
        Spectrum latencies = new Spectrum();
        for (SoakRobot robot : fleet) {
            modality.apply(robot).record(latencies, warmedUp);
        }
        return latencies;
    }

    /** {@code cog:lsmod --no-format} rows by module name: state, ..., p99 (5), processed, errors, superseded. */
    private static Map<String, String[]> lsmod(CogosInstance cogos) throws Exception {
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : cogos.shell("cog:lsmod --no-format").lines().toList()) {
            String[] cells = line.split("\t");
            if (cells.length >= 9) {
                rows.put(cells[0].trim(), Arrays.stream(cells).map(String::trim).toArray(String[]::new));
            }
        }
        return rows;
    }

    private void printErrorsAndLosses(CogosInstance cogos, List<SoakRobot> fleet, double drained) throws Exception {
        Map<String, Long> byCode = new TreeMap<>();
        errorsByCode.forEach((code, count) -> byCode.put(code, count.sum()));
        Map<String, Long> mqtt = mqttCounters(cogos);
        System.out.printf(Locale.ROOT, "%nerrors total: %d on the robots' error topics (%s); cog:mqtt errors.*: %s%n",
                errors.get(), counts(byCode), counts(named(mqtt, "errors.")));
        System.out.printf(Locale.ROOT, "cog:mqtt outbox.*: %s%n", counts(named(mqtt, "outbox.")));
        long scans = fleet.size() * (long) (minutes * 60 * SoakRobot.TICKS_PER_SECOND);
        long lost = fleet.stream().mapToLong(r -> r.scans().unanswered()).sum();
        System.out.printf(Locale.ROOT, "actions lost: %d of %d scans without their approach after a drain of %.1f s "
                + "(at most %d s); unanswered: %d texts, %d WAVs; actions received: %d%n", lost, scans, drained,
                DRAIN_MS / 1000, fleet.stream().mapToLong(r -> r.texts().unanswered()).sum(),
                fleet.stream().mapToLong(r -> r.utterances().unanswered()).sum(),
                fleet.stream().mapToLong(SoakRobot::actions).sum());
    }

    private static String counts(Map<String, Long> byName) {
        return byName.isEmpty() ? "none" : byName.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * {@code cog:mqtt}'s numeric rows: {@code errors.*} is cogos's own count of refusals by code, also those it
     * could not publish ({@code errors.unpublished}), which the error topics cannot show; {@code outbox.*} what
     * became of the actions (acked, re-published, refused for a full outbox).
     */
    private static Map<String, Long> mqttCounters(CogosInstance cogos) throws Exception {
        Map<String, Long> counters = new TreeMap<>();
        for (String line : cogos.shell("cog:mqtt --no-format").lines().toList()) {
            String[] cells = line.split("\t");
            if (cells.length == 2 && cells[1].trim().matches("\\d+")) {
                counters.put(cells[0].trim(), Long.parseLong(cells[1].trim()));
            }
        }
        return counters;
    }

    private static Map<String, Long> named(Map<String, Long> counters, String prefix) {
        return counters.entrySet().stream().filter(counter -> counter.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private void writeFiles(List<SoakSample> samples) throws IOException {
        Path csv = Path.of("bench/target/soak.csv");
        List<String> rows = new ArrayList<>(List.of(SoakSample.CSV_HEADER));
        samples.forEach(s -> rows.add(s.csvRow()));
        Files.write(csv, rows);
        Path svg = Path.of(System.getProperty("bench.plot", "bench/target/soak.svg"));
        Files.writeString(svg, SoakPlot.svg(samples, String.format(Locale.ROOT, "cogos soak: %d robots x %s, %d min:"
                + " the cogos JVM's memory", robots, String.join("+", new TreeSet<>(modalities)), minutes)));
        System.out.printf(Locale.ROOT, "%nsamples: %s; plot: %s%n", csv, svg);
    }
}
