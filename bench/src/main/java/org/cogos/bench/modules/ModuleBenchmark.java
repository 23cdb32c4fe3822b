package org.cogos.bench.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cogos.harness.Configs;
import org.cogos.ml.internal.MlConfig;

/**
 * Per-module figures (issue 4): each module outside OSGi in this JVM with its real classes, models and committed
 * fixtures (load, first call, steady p50/p99, single-thread throughput, reload as a hot swap does it; for audio
 * the speech-to-text real-time factor), and the vision module inside the Karaf distribution beside the same
 * module and model outside OSGi in the same run (overhead ratio). Run by {@code scripts/bench-modules.sh}.
 *
 * <p>Options (system properties): {@code bench.modules} (default {@code vision,audio,language,sensor}),
 * {@code bench.karaf} ({@code false} skips the Karaf comparison), {@code bench.karaf.frames},
 * {@code bench.karaf.rate} (frames per second), {@code bench.karaf.settle} (seconds between Karaf's start and
 * the first frame), {@code bench.MODULE.warmup} and {@code bench.MODULE.calls},
 * {@code bench.repo} (the source tree with the fixtures, default the working directory).
 */
public final class ModuleBenchmark {

    private static final List<String> ALL = List.of("vision", "audio", "language", "sensor");
    /** Line width of the prose lines of the output. */
    private static final int WIDTH = 118;

    private ModuleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // DJL contacts non-loopback addresses unless both are set before it starts.
        if (!"true".equals(System.getProperty("ai.djl.offline"))
                || !"true".equals(System.getenv().getOrDefault("OPT_OUT_TRACKING",
                        System.getProperty("OPT_OUT_TRACKING")))) {
            throw new IllegalStateException("run with -Dai.djl.offline=true and OPT_OUT_TRACKING=true"
                    + " (scripts/bench-modules.sh sets both)");
        }
        Path distribution = Path.of(args.length > 0 ? args[0]
                : "karaf-features/distribution/target/cogos-distribution-0.1.0-SNAPSHOT.tar.gz");
        Path work = Path.of(args.length > 1 ? args[1] : "bench/target/modules-run");
        Repo repo = new Repo(Path.of(System.getProperty("bench.repo", ".")));
        Set<String> modules = Set.copyOf(Arrays.asList(System.getProperty("bench.modules", String.join(",", ALL))
                .split(",")));
        for (String m : modules) {
            if (!ALL.contains(m)) {
                throw new IllegalArgumentException("bench.modules: unknown module '" + m + "', known: " + ALL);
            }
        }
        deleteTree(work);
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "cogos module benchmark: %d cores (%s), Java %s, %s; load average %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
                System.getProperty("os.arch"), loadAverage());

        if (modules.contains("vision") && Boolean.parseBoolean(System.getProperty("bench.karaf", "true"))) {
            printKaraf(KarafVisionBench.run(repo, distribution, work, Integer.getInteger("bench.karaf.frames", 240),
                    Double.parseDouble(System.getProperty("bench.karaf.rate", "6")),
                    Integer.getInteger("bench.karaf.settle", 10)));
        }

        List<ModuleFigures<?>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MlConfig ml = Configs.defaults(MlConfig.class);
        if (modules.contains("vision")) {
            VisionBench.Result vision = VisionBench.run(repo, warmup("vision", 5), calls("vision", 100),
                    ml.interOpThreads(), ml.intraOpThreads());
            rows.add(vision.module());
            rows.add(vision.model());
            notes.add(String.format(Locale.ROOT, "vision: %s; outside the model (decoding, letterbox, box decoding,"
                    + " placement) %.2f ms per frame, %.0f%% of the module's mean (ORT inter-op %d, intra-op %d"
                    + " thread(s), the ml runtime's defaults)", VisionBench.findings(vision.module().firstPass()),
                    vision.restMeanMs(), 100 * vision.restMeanMs() / vision.module().steady().meanMs(),
                    ml.interOpThreads(), ml.intraOpThreads()));
        }
        if (modules.contains("audio")) {
            AudioBench.Result grammar = AudioBench.run(repo, "grammar", warmup("audio", 6), calls("audio", 120),
                    ml.interOpThreads(), ml.intraOpThreads());
            rows.add(grammar.module());
            notes.add(audioNote(grammar));
            int largeVocabularyCalls = calls("audio.largeVocabulary", 6);
            if (largeVocabularyCalls > 0) {
                AudioBench.Result large = AudioBench.run(repo, "large-vocabulary", warmup("audio.largeVocabulary", 1),
                        largeVocabularyCalls, ml.interOpThreads(), ml.intraOpThreads());
                rows.add(large.module());
                notes.add(audioNote(large));
            }
        }
        if (modules.contains("language")) {
            LanguageBench.Result language = LanguageBench.run(repo, warmup("language", 300), calls("language", 2000));
            rows.add(language.module());
            notes.add(String.format(Locale.ROOT, "language: %d of %d sentences parsed to the table's intent",
                    language.expected(), language.rows()));
        }
        if (modules.contains("sensor")) {
            SensorBench.Result sensor = SensorBench.run(warmup("sensor", 10000), calls("sensor", 50000));
            rows.add(sensor.module());
            notes.add(String.format(Locale.ROOT, "sensor: a person found in %d of the %d scans that show one;"
                    + " classifier on the %s tensor backend", sensor.personFound(), sensor.personFrames(),
                    sensor.backend()));
        }
        printModules(rows, notes);
        System.out.printf(Locale.ROOT, "%nbenchmark time: %.0f s; load average %s (other work on the machine moves"
                + " the figures)%n", (System.nanoTime() - started) / 1e9, loadAverage());
    }

    private static String audioNote(AudioBench.Result r) {
        return String.format(Locale.ROOT, "audio (%s): real-time factor %.3f over %.1f s of speech (%d calls), of"
                + " which speech to text and the rest %.3f, VAD %.3f; VAD per 32 ms frame p50 %.3f ms, p99 %.3f ms"
                + " (%d frames); %d of %d WAVs transcribed exactly; %d transcripts passed on in all", r.mode(),
                r.realTimeFactor(), r.steadyAudioS(), r.module().steady().count(), r.sttRealTimeFactor(),
                r.realTimeFactor() - r.sttRealTimeFactor(), r.vadFrames().percentileMs(0.5),
                r.vadFrames().percentileMs(0.99), r.vadFrames().count(), r.exact(), r.wavs(), r.transcripts());
    }

    private static int warmup(String module, int byDefault) {
        return Integer.getInteger("bench." + module + ".warmup", byDefault);
    }

    private static int calls(String module, int byDefault) {
        return Integer.getInteger("bench." + module + ".calls", byDefault);
    }

    private static void printKaraf(KarafVisionBench.Result r) {
        System.out.println();
        System.out.println(wrap("", String.format(Locale.ROOT, "vision inside Karaf beside outside OSGi: %d frames of"
                + " %s at %.1f/s (sent at %.2f/s outside, %.2f/s to Karaf); model %s (sha256 %s..., the same file on"
                + " both sides) loaded fresh on both sides, ORT inter-op %d intra-op %d thread(s)", r.frames(),
                KarafVisionBench.FRAME, r.rate(), r.outside().achievedRate(), r.karaf().achievedRate(), r.model(),
                r.sha256().substring(0, 12), r.interOpThreads(), r.intraOpThreads())));
        System.out.printf(Locale.ROOT, "  %-30s %7s %7s %10s %10s %15s%n", "", "calls", "errors", "mean ms",
                "p99 ms", "module p99 ms");
        printSide("outside OSGi (this JVM)", r.outside());
        printSide("Karaf (cog:models, cog:lsmod)", r.karaf());
        System.out.printf(Locale.ROOT, "  ratio Karaf/outside: model mean %.2fx, model p99 %.2fx, module p99 %.2fx%n",
                r.karaf().modelMeanMs() / r.outside().modelMeanMs(), r.karaf().modelP99Ms() / r.outside().modelP99Ms(),
                r.karaf().moduleP99Ms() / r.outside().moduleP99Ms());
        System.out.println(wrap("  ", String.format(Locale.ROOT, "outside: first load in this JVM %.0f ms (ORT start"
                + " and model); Karaf: ready in %.1f s, frames sent after %d s more, last one processed within %.1f s"
                + " of being sent (polled)", r.coldLoadMs(), r.karafStartS(), r.settleS(), r.karafDrainS())));
    }

    private static void printSide(String name, KarafVisionBench.Side s) {
        System.out.printf(Locale.ROOT, "  %-30s %7d %7d %10.2f %10.2f %15.2f%n", name, s.modelCalls(),
                s.modelErrors() + s.moduleErrors(), s.modelMeanMs(), s.modelP99Ms(), s.moduleP99Ms());
    }

    private static void printModules(List<ModuleFigures<?>> rows, List<String> notes) {
        if (rows.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%nmodules outside OSGi, one thread; latencies of process() in ms:%n");
        System.out.printf(Locale.ROOT, "  %-26s %-30s %9s %9s %9s %9s %9s %9s %9s %7s%n", "module", "input",
                "load", "reload", "first", "p50", "p99", "mean", "calls/s", "calls");
        for (ModuleFigures<?> f : rows) {
            System.out.printf(Locale.ROOT, "  %-26s %-30s %9.1f %9.1f %9.3f %9.3f %9.3f %9.3f %9.1f %7d%n", f.name(),
                    f.input(), f.loadMs(), f.reloadMs(), f.firstMs(), f.steady().percentileMs(0.5),
                    f.steady().percentileMs(0.99), f.steady().meanMs(), f.perSecond(), f.steady().count());
        }
        notes.forEach(n -> System.out.println(wrap("  ", n)));
    }

    private static String cpuModel() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .distinct().collect(Collectors.joining(", "));
        }
    }

    /**
     * {@code text} in lines of at most {@value #WIDTH} characters, indented by {@code indent} and the
     * lines after the first by two more spaces.
     */
    private static String wrap(String indent, String text) {
        StringBuilder out = new StringBuilder();
        String prefix = indent;
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.split(" ")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                prefix = indent + "  ";
                line = new StringBuilder(prefix);
            } else if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).toString();
    }

    /** The 1, 5 and 15 minute load averages of the machine. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
