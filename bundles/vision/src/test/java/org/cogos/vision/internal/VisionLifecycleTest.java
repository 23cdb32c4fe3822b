package org.cogos.vision.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cogos.api.Detection;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelLoadException;
import org.cogos.api.ml.ModelNotFoundException;
import org.cogos.harness.Configs;
import org.cogos.ml.internal.OnnxModels;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Activation and deactivation against a real ml runtime: what the module leaves behind, and what it refuses. */
public class VisionLifecycleTest {

    private static final Logger LOG = LoggerFactory.getLogger(VisionLifecycleTest.class);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toSet());
    }

    @Test
    public void deactivationUnloadsTheModelAndLeavesNoThread() throws Exception {
        try (OnnxModels ml = new OnnxModels(1, 1)) {
            // The first activation in this JVM starts ORT's environment once for good; count from after it.
            new VisionModule(ml, ml, Configs.defaults(VisionConfig.class)).deactivate();
            Set<String> before = threads();
            for (int round = 0; round < 3; round++) {
                VisionModule module = new VisionModule(ml, ml, Configs.defaults(VisionConfig.class));
                assertEquals(List.of(CenterNet.MODEL_NAME), ml.list().stream().map(m -> m.name()).toList());
                assertEquals("person",
                        module.process(TestImages.frame(TestImages.bytes("astronaut.jpg"))).detections().get(0)
                                .label());
                module.deactivate();
                assertTrue("registry empty after deactivation: " + ml.list(), ml.list().isEmpty());
                try {
                    module.process(TestImages.frame(TestImages.bytes("astronaut.jpg")));
                    fail("a deactivated module still ran its model");
                } catch (ModelNotFoundException expected) {
                    // the runtime never routes to a deactivated module; if something did, it fails loudly
                }
            }
            Set<String> after = threads();
            after.removeAll(before);
            assertTrue("threads left: " + after, after.isEmpty());
        }
    }

    @Test
    public void aModelThatIsNotTheShippedOneIsNotLoaded() throws Exception {
        URL shipped = VisionModule.class.getResource(CenterNet.RESOURCE);
        Path dir = folder.newFolder("models").toPath();
        byte[] model = shipped.openStream().readAllBytes();
        model[model.length / 2] ^= 1;
        Files.write(dir.resolve("centernet.onnx"), model);
        Files.write(dir.resolve("centernet.onnx.sha256"),
                new URL(shipped, "centernet.onnx.sha256").openStream().readAllBytes());
        try (OnnxModels ml = new OnnxModels(1, 1)) {
            try {
                new VisionModule(ml, ml, Configs.defaults(VisionConfig.class), dir.resolve("centernet.onnx").toUri()
                        .toURL());
                fail("a tampered model was loaded");
            } catch (ModelLoadException e) {
                String shippedSha256 = new String(new URL(shipped, "centernet.onnx.sha256").openStream()
                        .readAllBytes(), StandardCharsets.US_ASCII).substring(0, 64);
                assertTrue(e.getMessage(), e.getMessage().contains("has SHA-256")
                        && e.getMessage().contains(", expected " + shippedSha256));
            }
            Files.delete(dir.resolve("centernet.onnx.sha256"));
            try {
                new VisionModule(ml, ml, Configs.defaults(VisionConfig.class), dir.resolve("centernet.onnx").toUri()
                        .toURL());
                fail("a model without its checksum was loaded");
            } catch (ModelLoadException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("cannot read the checksum centernet.onnx.sha256"));
            }
            assertTrue(ml.list().isEmpty());
        }
    }

    /**
     * Latency of whole frames (decode, letterbox, model, decoding) on one ORT thread, as reported in docs/vision.md;
     * the answers must not change from call to call.
     */
    @Test
    public void latencyOnThisMachine() throws Exception {
        try (OnnxModels ml = new OnnxModels(1, 1)) {
            long load = System.nanoTime();
            VisionModule module = new VisionModule(ml, ml, Configs.defaults(VisionConfig.class));
            load = System.nanoTime() - load;
            try {
                for (String image : new String[] {"astronaut.jpg", "coffee.jpg", "coffee.png"}) {
                    byte[] frame = TestImages.bytes(image);
                    long start = System.nanoTime();
                    List<Detection> first = module.process(TestImages.frame(frame)).detections();
                    long firstMicros = (System.nanoTime() - start) / 1000;
                    long[] micros = new long[40];
                    for (int i = 0; i < micros.length; i++) {
                        start = System.nanoTime();
                        List<Detection> again = module.process(TestImages.frame(frame)).detections();
                        micros[i] = (System.nanoTime() - start) / 1000;
                        assertEquals(first, again);
                    }
                    Arrays.sort(micros);
                    LOG.info("latency {} ({} bytes): first {} ms, steady p50 {} ms, p99 {} ms over {} frames; "
                            + "model load {} ms; detections {}", image, frame.length, firstMicros / 1000.0,
                            micros[micros.length / 2] / 1000.0, micros[(int) Math.ceil(micros.length * 0.99) - 1]
                                    / 1000.0, micros.length, load / 1_000_000, summary(first));
                }
                ModelInfo model = ml.info(CenterNet.MODEL_NAME).orElseThrow();
                LOG.info("of which the model alone (ORT, 1 thread): mean {} ms, p99 {} ms over {} calls",
                        model.meanLatencyMicros() / 1000.0, model.p99LatencyMicros() / 1000.0, model.calls());
            } finally {
                module.deactivate();
            }
        }
    }

    private static List<String> summary(List<Detection> detections) {
        List<String> out = new ArrayList<>();
        for (Detection d : detections) {
            out.add(String.format("%s %.3f at %.2f rad, %.2f m", d.label(), d.confidence(), d.bearingRad(),
                    d.distanceM()));
        }
        return out;
    }
}
