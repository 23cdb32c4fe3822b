package org.cogos.ml.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cogos.api.ml.BadInputException;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelLoadException;
import org.cogos.api.ml.ModelNotFoundException;
import org.cogos.api.ml.NamedTensor;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The registry and inference against the real ONNX Runtime, on the models of scripts/make-test-models.py. */
public class OnnxModelsTest {

    static final Path MODELS = Path.of("src", "test", "resources", "models");

    /** The classifier's weights, as in scripts/make-test-models.py. */
    private static final float[][] W = {
        {0.5f, -1.0f, 0.25f}, {1.5f, 0.75f, -0.5f}, {-0.25f, 0.5f, 1.0f}, {0.125f, -0.375f, 0.625f}};
    private static final float[] B = {0.1f, -0.2f, 0.3f};

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private OnnxModels models;

    @BeforeClass
    public static void offline() {
        // The build sets both (root pom's surefire configuration); a test run from an IDE must not go online either.
        assertEquals("ai.djl.offline", "true", System.getProperty("ai.djl.offline"));
        assertEquals("OPT_OUT_TRACKING", "true", System.getenv("OPT_OUT_TRACKING"));
    }

    @Before
    public void open() {
        models = new OnnxModels(1, 1);
    }

    @After
    public void close() {
        models.close();
    }

    static Map<String, String> checksums() throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(MODELS.resolve("SHA256SUMS"))) {
            String[] f = line.split("\\s+");
            sums.put(f[1], f[0]);
        }
        return sums;
    }

    @Test
    public void committedModelsMatchTheirChecksums() throws IOException {
        for (Map.Entry<String, String> e : checksums().entrySet()) {
            assertEquals(e.getKey(), e.getValue(), OnnxModels.sha256(Files.readAllBytes(MODELS.resolve(e.getKey()))));
        }
    }

    @Test
    public void classifierMatchesTheSameMathInJava() throws IOException {
        ModelInfo info = models.load("cls", MODELS.resolve("classifier.onnx"), checksums().get("classifier.onnx"));
        assertEquals("[input[-1,4]]", info.inputs().toString());
        assertEquals("[probabilities[-1,3]]", info.outputs().toString());
        float[] x = {1, 2, 3, 4, -0.5f, 0.25f, 2, -1, 0, 0, 0, 0};
        List<NamedTensor> out = models.run("cls", List.of(new NamedTensor("input", new long[] {3, 4}, x)));
        assertEquals(1, out.size());
        assertEquals("probabilities", out.get(0).name());
        assertArrayEquals(new long[] {3, 3}, out.get(0).shape());
        assertArrayEquals(softmaxGemm(x, 3), out.get(0).data(), 1e-6f);

        ModelInfo after = models.info("cls").orElseThrow();
        assertEquals(1, after.calls());
        assertTrue(after.meanLatencyMicros() >= 0);
        assertTrue(after.p99LatencyMicros() >= 0);
    }

    private static float[] softmaxGemm(float[] x, int rows) {
        float[] y = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            double[] logits = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 3; j++) {
                logits[j] = B[j];
                for (int k = 0; k < 4; k++) {
                    logits[j] += x[r * 4 + k] * W[k][j];
                }
                max = Math.max(max, logits[j]);
            }
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                logits[j] = Math.exp(logits[j] - max);
                sum += logits[j];
            }
            for (int j = 0; j < 3; j++) {
                y[r * 3 + j] = (float) (logits[j] / sum);
            }
        }
        return y;
    }

    @Test
    public void addTakesInputsByNameInAnyOrder() {
        models.load("add", MODELS.resolve("add.onnx"), null);
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {0.5f, -2, 10, 1e6f, -5, 0};
        List<NamedTensor> out = models.run("add", List.of(new NamedTensor("b", new long[] {2, 3}, b),
                new NamedTensor("a", new long[] {2, 3}, a)));
        assertEquals("sum", out.get(0).name());
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = a[i] + b[i];
        }
        assertArrayEquals(expected, out.get(0).data(), 0f);
    }

    @Test
    public void badInputsAreRefusedWithTheModelsExpectation() {
        models.load("cls", MODELS.resolve("classifier.onnx"), null);
        models.load("add", MODELS.resolve("add.onnx"), null);
        BadInputException shape = assertThrows(BadInputException.class, () -> models.run("cls",
                List.of(new NamedTensor("input", new long[] {1, 5}, new float[5]))));
        assertEquals("model 'cls': input 'input' has shape [1, 5], the model takes input[-1,4]", shape.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> models.run("add",
                List.of(new NamedTensor("a", new long[] {2, 3}, new float[6]))));
        assertTrue(missing.getMessage(), missing.getMessage().contains("input 'b' is missing"));
        BadInputException unknown = assertThrows(BadInputException.class, () -> models.run("add",
                List.of(new NamedTensor("a", new long[] {2, 3}, new float[6]),
                        new NamedTensor("b", new long[] {2, 3}, new float[6]),
                        new NamedTensor("c", new long[] {2, 3}, new float[6]))));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("has no input [c]"));
        assertEquals(3, models.info("cls").orElseThrow().errors() + models.info("add").orElseThrow().errors());
        assertThrows(IllegalArgumentException.class, () -> new NamedTensor("x", new long[] {2, 2}, new float[3]));
    }

    @Test
    public void unknownModelIsNamed() {
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
                () -> models.run("nope", List.of(new NamedTensor("x", new long[] {1}, new float[1]))));
        assertEquals("model 'nope' is not loaded", e.getMessage());
        assertFalse(models.unload("nope"));
    }

    @Test
    public void corruptFileAndWrongChecksumAreRefused() throws IOException {
        Path corrupt = tmp.newFile("corrupt.onnx").toPath();
        byte[] good = Files.readAllBytes(MODELS.resolve("classifier.onnx"));
        Files.write(corrupt, java.util.Arrays.copyOf(good, good.length / 2));
        ModelLoadException bad = assertThrows(ModelLoadException.class, () -> models.load("c", corrupt, null));
        assertTrue(bad.getMessage(), bad.getMessage().startsWith("model 'c': " + corrupt
                + " is not a valid ONNX model"));
        ModelLoadException sum = assertThrows(ModelLoadException.class, () -> models.load("c",
                MODELS.resolve("classifier.onnx"), checksums().get("add.onnx")));
        assertTrue(sum.getMessage(), sum.getMessage().contains("expected " + checksums().get("add.onnx")));
        assertThrows(ModelLoadException.class, () -> models.load("c", tmp.getRoot().toPath().resolve("absent"),
                null));
        assertThrows(IllegalArgumentException.class, () -> models.load("a b", MODELS.resolve("add.onnx"), null));
        assertTrue(models.list().isEmpty());
    }

    /** A module bundle ships its model as an entry and loads it by URL (here a class-path resource, the same kind). */
    @Test
    public void modelLoadsFromAResourceUrlWithItsChecksum() throws IOException {
        URL resource = OnnxModelsTest.class.getResource("/models/classifier.onnx");
        ModelInfo info = models.load("cls", resource, checksums().get("classifier.onnx"));
        assertEquals(resource.toString(), info.path());
        assertEquals(checksums().get("classifier.onnx"), info.sha256());
        assertEquals(1, models.run("cls", List.of(new NamedTensor("input", new long[] {1, 4}, new float[4]))).size());

        ModelLoadException sum = assertThrows(ModelLoadException.class,
                () -> models.load("other", resource, checksums().get("add.onnx")));
        assertTrue(sum.getMessage(), sum.getMessage().startsWith("model 'other': " + resource + " has SHA-256 "));
        ModelLoadException absent = assertThrows(ModelLoadException.class, () -> models.load("absent",
                OnnxModelsTest.class.getResource("/models/absent.onnx"), null));
        assertTrue(absent.getMessage(), absent.getMessage().contains("no URL"));
        URL missingFile = tmp.getRoot().toPath().resolve("missing.onnx").toUri().toURL();
        ModelLoadException unreadable = assertThrows(ModelLoadException.class,
                () -> models.load("missing", missingFile, null));
        assertTrue(unreadable.getMessage(), unreadable.getMessage().startsWith("model 'missing': cannot read "));
        assertEquals(List.of("cls"), models.list().stream().map(ModelInfo::name).toList());
    }

    /** A module's model ships with {@code <model>.sha256} beside it; without a matching one it is refused. */
    @Test
    public void verifiedLoadReadsTheChecksumBesideTheModel() throws IOException {
        Path dir = tmp.newFolder("shipped").toPath();
        Path model = dir.resolve("classifier.onnx");
        Files.copy(MODELS.resolve("classifier.onnx"), model);
        URL url = model.toUri().toURL();

        ModelLoadException missing = assertThrows(ModelLoadException.class, () -> models.loadVerified("m", url));
        assertTrue(missing.getMessage(), missing.getMessage().startsWith(
                "model 'm': cannot read the checksum classifier.onnx.sha256 beside " + url));
        Files.writeString(dir.resolve("classifier.onnx.sha256"), checksums().get("classifier.onnx") + "  other.onnx\n");
        ModelLoadException otherFile = assertThrows(ModelLoadException.class, () -> models.loadVerified("m", url));
        assertTrue(otherFile.getMessage(), otherFile.getMessage().contains("must be one line"));
        Files.writeString(dir.resolve("classifier.onnx.sha256"), checksums().get("add.onnx") + "  classifier.onnx\n");
        ModelLoadException differs = assertThrows(ModelLoadException.class, () -> models.loadVerified("m", url));
        assertTrue(differs.getMessage(), differs.getMessage().contains("expected " + checksums().get("add.onnx")));
        assertTrue(models.list().isEmpty());

        Files.writeString(dir.resolve("classifier.onnx.sha256"),
                checksums().get("classifier.onnx") + " *classifier.onnx\n");
        assertEquals(checksums().get("classifier.onnx"), models.loadVerified("m", url).sha256());
    }

    @Test
    public void duplicateNameIsRefused() {
        models.load("m", MODELS.resolve("add.onnx"), null);
        assertThrows(IllegalStateException.class, () -> models.load("m", MODELS.resolve("classifier.onnx"), null));
    }

    @Test
    public void unloadFreesTheName() {
        models.load("m", MODELS.resolve("add.onnx"), null);
        assertTrue(models.unload("m"));
        assertTrue(models.list().isEmpty());
        assertThrows(ModelNotFoundException.class,
                () -> models.run("m", List.of(new NamedTensor("a", new long[] {2, 3}, new float[6]))));
        models.load("m", MODELS.resolve("classifier.onnx"), null);
        assertEquals("[input[-1,4]]", models.list().get(0).inputs().toString());
    }

    @Test
    public void loadUnloadTwentyTimesLeavesNoThread() throws IOException {
        // Warm up: ORT's environment and DJL's engine are created once per JVM, on purpose.
        models.load("warm", MODELS.resolve("classifier.onnx"), null);
        models.run("warm", List.of(new NamedTensor("input", new long[] {1, 4}, new float[4])));
        models.unload("warm");
        long before = osThreads();
        for (int i = 0; i < 20; i++) {
            OnnxModels round = new OnnxModels(2, 2);
            round.load("m" + i, MODELS.resolve("classifier.onnx"), null);
            round.run("m" + i, List.of(new NamedTensor("input", new long[] {2, 4}, new float[8])));
            round.close();
        }
        assertEquals("native and Java threads of this process", before, osThreads());
    }

    /** Threads of this process as the kernel counts them: ORT's native pools are invisible to the JVM. */
    static long osThreads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring("Threads:".length()).trim());
            }
        }
        throw new IllegalStateException("no Threads: line in /proc/self/status");
    }
}
