package org.cogos.ml.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cogos.api.ml.ModelInfo;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The component's options and its models directory, with the real runtime. */
public class MlComponentTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static MlConfig config(String dir, int inter, int intra) {
        return new MlConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MlConfig.class;
            }

            @Override
            public String modelsDirectory() {
                return dir;
            }

            @Override
            public int interOpThreads() {
                return inter;
            }

            @Override
            public int intraOpThreads() {
                return intra;
            }
        };
    }

    @Test
    public void optionsResolveAgainstTheDataDirectoryAndCheckThreads() {
        Path data = Path.of("/var/karaf/data");
        assertEquals(Path.of("/var/karaf/data/models"), MlOptions.from(config("models", 1, 1), data).modelsDirectory());
        assertEquals(Path.of("/opt/m"), MlOptions.from(config("/opt/m", 1, 1), data).modelsDirectory());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlOptions.from(config("models", 0, 1), data));
        assertEquals("org.cogos.ml.interOpThreads = 0 is outside [1, 64]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MlOptions.from(config("models", 1, 65), data));
        assertThrows(IllegalArgumentException.class, () -> MlOptions.from(config(" ", 1, 1), data));
    }

    @Test
    public void loadsTheModelsDirectoryVerifyingSidecarChecksumsAndSkippingBadFiles() throws IOException {
        Path dir = tmp.newFolder("models").toPath();
        Files.copy(OnnxModelsTest.MODELS.resolve("classifier.onnx"), dir.resolve("cls.onnx"));
        Files.writeString(dir.resolve("cls.onnx.sha256"), OnnxModelsTest.checksums().get("classifier.onnx")
                + "  cls.onnx\n");
        Files.copy(OnnxModelsTest.MODELS.resolve("add.onnx"), dir.resolve("add.onnx"));
        // A wrong checksum keeps that one model out, not the others.
        Files.copy(OnnxModelsTest.MODELS.resolve("add.onnx"), dir.resolve("tampered.onnx"));
        Files.writeString(dir.resolve("tampered.onnx.sha256"), OnnxModelsTest.checksums().get("classifier.onnx"));
        Files.write(dir.resolve("broken.onnx"), new byte[] {1, 2, 3});

        MlComponent component = new MlComponent();
        component.activate(config(dir.toString(), 1, 1));
        try {
            List<ModelInfo> models = component.list();
            assertEquals(List.of("add", "cls"), models.stream().map(ModelInfo::name).toList());
            assertEquals(OnnxModelsTest.checksums().get("classifier.onnx"), models.get(1).sha256());
        } finally {
            component.deactivate();
        }
        assertTrue("deactivate unloads every model", component.list().isEmpty());
    }
}
