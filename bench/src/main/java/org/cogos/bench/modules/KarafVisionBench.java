package org.cogos.bench.modules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cogos.api.CognitiveModule;
import org.cogos.api.ml.ModelInfo;
import org.cogos.util.stats.Latencies;
import org.cogos.bench.Pacer;
import org.cogos.harness.CogosInstance;
import org.cogos.harness.Configs;
import org.cogos.ml.internal.OnnxModels;
import org.cogos.robotsim.RobotSimulator;
import org.cogos.vision.internal.VisionConfig;
import org.cogos.vision.internal.VisionModule;

/**
 * The vision module inside the Karaf distribution beside the same module and model outside OSGi, in one run: the
 * same frame (astronaut.jpg), the same number of frames at the same pace, the same ONNX Runtime thread counts (read
 * from the distribution's etc/org.cogos.ml.cfg), a freshly loaded model on both sides, and the model's figures
 * from the same code (the ml runtime's ModelInfo: {@code cog:models} in Karaf, {@link OnnxModels#info} here).
 * The module's p99 is the runtime's (lsmod, around {@code process}) in Karaf and the same nearest-rank p99 around
 * {@code process} here.
 */
final class KarafVisionBench {

    static final String FRAME = "astronaut.jpg";
    private static final String ROBOT = "bench-camera";

    /** One side's figures: the model's (ModelInfo) and the module's. */
    record Side(long modelCalls, long modelErrors, double modelMeanMs, double modelP99Ms, long processed,
            long moduleErrors, double moduleP99Ms, double achievedRate) {
    }

    record Result(int frames, double rate, int interOpThreads, int intraOpThreads, String model, String sha256,
            double coldLoadMs,
            Side outside, Side karaf, double karafStartS, int settleS, double karafDrainS) {
    }

    private KarafVisionBench() {
    }

    /** @param settleS seconds left to Karaf after it reports ready, for its own start-up work to end */
    static Result run(Repo repo, Path distribution, Path work, int frames, double rate, int settleS)
            throws Exception {
        byte[] frame = repo.bytes(VisionBench.IMAGES + FRAME);
        CogosInstance cogos = CogosInstance.unpack(distribution, work.resolve("karaf"));
        int inter = mlThreads(cogos.home(), "interOpThreads");
        int intra = mlThreads(cogos.home(), "intraOpThreads");
        String karafModelSha256 = shippedModelSha256(cogos.home());

        // Outside first, while Karaf is not running, so the two sides do not share the cores.
        double coldLoadMs;
        String model;
        Side outside;
        try (OnnxModels ml = new OnnxModels(inter, intra)) {
            long t = System.nanoTime();
            CognitiveModule vision = new VisionModule(ml, ml, Configs.defaults(VisionConfig.class));
            coldLoadMs = (System.nanoTime() - t) / 1e6;
            model = ml.list().get(0).name();
            Latencies process = new Latencies();
            double achieved = Pacer.run(frames, rate, i -> {
                var percept = ModuleRun.percept("camera", i, frame);
                long c = System.nanoTime();
                vision.process(percept);
                process.record(System.nanoTime() - c);
            });
            ModelInfo info = ml.info(model).orElseThrow();
            if (!info.sha256().equals(karafModelSha256)) {
                throw new IllegalStateException("the distribution's vision bundle ships another model (sha256 "
                        + karafModelSha256 + ") than the one on this class path (" + info.sha256()
                        + "): rebuild them from the same tree");
            }
            ModuleLoader.deactivate(vision);
            outside = new Side(info.calls(), info.errors(), info.meanLatencyMicros() / 1e3,
                    info.p99LatencyMicros() / 1e3, process.count(), 0, process.percentileMs(0.99), achieved);
        }

        try {
            long launched = System.nanoTime();
            cogos.start(180_000);
            double startS = (System.nanoTime() - launched) / 1e9;
            Thread.sleep(settleS * 1000L);
            String[] before = lsmodVision(cogos);
            if (!before[ShellTables.LSMOD_STATE].equals("live") || !before[ShellTables.LSMOD_PROCESSED].equals("0")) {
                throw new IllegalStateException("vision in Karaf is not live and fresh: " + String.join(" ", before));
            }
            double achieved;
            try (RobotSimulator robot = new RobotSimulator(cogos.mqttUri(), ROBOT, "cogos/v1", 1)
                    .setPassword(cogos.robotPassword(ROBOT))) {
                robot.connect();
                achieved = Pacer.run(frames, rate, i -> robot.publishRaw("sensors/camera", frame, 1, false));
            }
            long sent = System.nanoTime();
            // Polling starts a client JVM each time: wait first for what the pace leaves in flight.
            Thread.sleep(Math.round(2_000 + outside.modelP99Ms()));
            String[] lsmod = lsmodVision(cogos);
            long deadline = System.currentTimeMillis() + 120_000;
            while (done(lsmod) < frames && System.currentTimeMillis() < deadline) {
                Thread.sleep(2_000);
                lsmod = lsmodVision(cogos);
            }
            double drainS = (System.nanoTime() - sent) / 1e9;
            if (done(lsmod) < frames) {
                throw new IllegalStateException("Karaf's vision module took " + done(lsmod) + " of " + frames
                        + " frames in 2 minutes: " + String.join(" ", lsmod) + "\n" + cogos.logTail(40));
            }
            String[] models = ShellTables.row(cogos.shell("cog:models --no-format"), model, 9).orElseThrow(
                    () -> new IllegalStateException("cog:models has no " + model));
            Side karaf = new Side(Long.parseLong(models[ShellTables.MODELS_CALLS]),
                    Long.parseLong(models[ShellTables.MODELS_ERRORS]),
                    ShellTables.latencyMs(models[ShellTables.MODELS_MEAN]),
                    ShellTables.latencyMs(models[ShellTables.MODELS_P99]),
                    Long.parseLong(lsmod[ShellTables.LSMOD_PROCESSED]), Long.parseLong(lsmod[ShellTables.LSMOD_ERRORS]),
                    ShellTables.latencyMs(lsmod[ShellTables.LSMOD_P99]), achieved);
            return new Result(frames, rate, inter, intra, model, karafModelSha256, coldLoadMs, outside, karaf, startS,
                    settleS, drainS);
        } finally {
            cogos.close();
        }
    }

    /** Frames the module is done with: processed, refused, or superseded by a newer one (its backlog). */
    private static long done(String[] lsmod) {
        return Long.parseLong(lsmod[ShellTables.LSMOD_PROCESSED]) + Long.parseLong(lsmod[ShellTables.LSMOD_ERRORS])
                + Long.parseLong(lsmod[ShellTables.LSMOD_SUPERSEDED]);
    }

    private static String[] lsmodVision(CogosInstance cogos) throws IOException, InterruptedException {
        String lsmod = cogos.shell("cog:lsmod --no-format");
        return ShellTables.row(lsmod, "vision", ShellTables.LSMOD_COLUMNS).orElseThrow(() -> new IllegalStateException(
                "the distribution has no vision module (rebuild it with bundles/vision): " + lsmod));
    }

    /** The SHA-256 of the detector inside the distribution's vision bundle. */
    private static String shippedModelSha256(Path karafHome) throws IOException, NoSuchAlgorithmException {
        Path jar;
        try (Stream<Path> files = Files.walk(karafHome.resolve("system/org/cogos/cogos-vision"))) {
            jar = files.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow(
                    () -> new IllegalStateException("the distribution has no vision bundle: rebuild it"));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the distribution has no vision bundle: rebuild it", e);
        }
        try (JarFile bundle = new JarFile(jar.toFile())) {
            JarEntry entry = bundle.getJarEntry(VisionBench.MODEL_RESOURCE.substring(1));
            if (entry == null) {
                throw new IllegalStateException(jar + " has no " + VisionBench.MODEL_RESOURCE);
            }
            try (InputStream in = bundle.getInputStream(entry)) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            }
        }
    }

    /** A thread count of the ml runtime as the distribution configures it. */
    private static int mlThreads(Path karafHome, String key) throws IOException {
        Pattern line = Pattern.compile("\\s*" + key + "\\s*[=:]\\s*(\\d+)\\s*");
        for (String l : Files.readAllLines(karafHome.resolve("etc/org.cogos.ml.cfg"))) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("etc/org.cogos.ml.cfg of the distribution does not set " + key);
    }
}
