package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.cogos.api.ml.NamedTensor;
import org.cogos.ml.internal.OnnxModels;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** cog:infer and cog:models against the real ml runtime (cogos-ml's ONNX Runtime) and its test models. */
public class MlCommandsTest {

    private static final Path MODELS = Path.of("..", "ml", "src", "test", "resources", "models");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Console console = new Console();
    private final OnnxModels runtime = new OnnxModels(1, 1);

    @After
    public void close() {
        runtime.close();
    }

    private Infer infer(String model, Path file) {
        Infer command = new Infer();
        command.inference = runtime;
        command.model = model;
        command.file = file.toString();
        return command;
    }

    private Path json(String text) throws IOException {
        Path file = tmp.newFile().toPath();
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void inferPrintsEachOutputWithItsShape() throws IOException {
        runtime.load("add", MODELS.resolve("add.onnx"), null);
        console.run(infer("add", json("{\"a\": {\"shape\": [2, 3], \"data\": [1, 2, 3, 4, 5, 6]},"
                + " \"b\": {\"shape\": [2, 3], \"data\": [0.5, 0.5, 0.5, -1, -1, -1]}}")));
        assertEquals("", console.err());
        assertEquals(0, console.exitStatus());
        List<String> lines = console.outLines();
        assertEquals("sum [2, 3] = [1.50000, 2.50000, 3.50000, 3.00000, 4.00000, 5.00000]", lines.get(0));
        assertTrue(lines.get(1), lines.get(1).matches("\\(.+\\)"));
    }

    @Test
    public void inferReportsBadInputFilesAndModelRefusalsInOneLine() throws IOException {
        runtime.load("cls", MODELS.resolve("classifier.onnx"), null);
        console.run(infer("cls", json("{\"input\": {\"shape\": [1, 3], \"data\": [1, 2, 3]}}")));
        console.run(infer("cls", json("{\"input\": {\"shape\": [1, 4], \"data\": [1, 2, \"x\", 4]}}")));
        console.run(infer("cls", json("[1, 2]")));
        console.run(infer("cls", json("{\"input\": ")));
        console.run(infer("nope", json("{\"input\": {\"shape\": [1, 4], \"data\": [1, 2, 3, 4]}}")));
        console.run(infer("cls", tmp.getRoot().toPath().resolve("absent.json")));
        List<String> err = console.errLines();
        assertEquals(6, err.size());
        assertEquals("model 'cls': input 'input' has shape [1, 3], the model takes input[-1,4]", err.get(0));
        assertTrue(err.get(1), err.get(1).endsWith(": input 'input': data[2] is not a number: \"x\""));
        assertTrue(err.get(2), err.get(2).contains("expected an object of inputs"));
        assertTrue(err.get(3), err.get(3).contains("not JSON"));
        assertEquals("model 'nope' is not loaded", err.get(4));
        assertTrue(err.get(5), err.get(5).startsWith("cannot read "));
        assertEquals("", console.out());
    }

    @Test
    public void inputShapeMustMatchItsData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InferInput.parse("{\"x\": {\"shape\": [2, 2], \"data\": [1, 2, 3]}}"));
        assertEquals("tensor 'x' has shape [2, 2] (4 elements) but 3 values", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InferInput.parse("{\"x\": {\"shape\": [-1], \"data\": []}}"));
        assertThrows(IllegalArgumentException.class,
                () -> InferInput.parse("{\"x\": {\"shape\": [1.5], \"data\": [1]}}"));
    }

    @Test
    public void valuesAreCutAtTheLimit() {
        assertEquals("[1.00000, 2.00000, ... 1 more]", Infer.values(new float[] {1, 2, 3}, 2));
        assertEquals("[1.00000, 2.00000, 3.00000]", Infer.values(new float[] {1, 2, 3}, 0));
    }

    @Test
    public void modelsListsWhatIsLoadedWithItsCalls() {
        runtime.load("cls", MODELS.resolve("classifier.onnx"), null);
        runtime.load("add", MODELS.resolve("add.onnx"), null);
        runtime.run("cls", List.of(new NamedTensor("input", new long[] {1, 4}, new float[4])));
        Models command = new Models();
        command.registry = runtime;
        command.noFormat = true;
        console.run(command);
        List<String> lines = console.outLines();
        assertEquals(2, lines.size());
        List<String> add = cells(lines.get(0));
        List<String> cls = cells(lines.get(1));
        assertEquals(List.of("add", "a[2,3] b[2,3]", "sum[2,3]", "0", "0", "-", "-"), add.subList(0, 7));
        assertEquals(List.of("cls", "input[-1,4]", "probabilities[-1,3]", "1", "0"), cls.subList(0, 5));
        assertTrue(cls.get(8), cls.get(8).endsWith("classifier.onnx"));
    }

    /** ShellTable pads cells even without format. */
    private static List<String> cells(String row) {
        return Arrays.stream(row.split("\t")).map(String::strip).toList();
    }

    @Test
    public void withoutTheMlBundleTheCommandsSaySo() throws IOException {
        Infer inferCommand = infer("cls", json("{}"));
        inferCommand.inference = null;
        console.run(inferCommand);
        console.run(new Models());
        assertEquals(List.of("inference service not available: is cogos-ml installed?",
                "model registry not available: is cogos-ml installed?"), console.errLines());
        assertEquals(1, console.exitStatus());
    }
}
