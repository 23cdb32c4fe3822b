package org.cogos.ml.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cogos.api.ml.InferenceException;
import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelRegistry;
import org.cogos.api.ml.NamedTensor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ml runtime as services. A configuration change re-activates it: every model is unloaded and the models
 * directory loaded again with the new thread settings. Deactivation closes every ORT session.
 */
@Component(service = {InferenceService.class, ModelRegistry.class}, configurationPid = MlConfig.PID)
@Designate(ocd = MlConfig.class)
public class MlComponent implements InferenceService, ModelRegistry {

    /** DJL contacts non-loopback addresses unless this is set before its first use. */
    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    private static final Logger LOG = LoggerFactory.getLogger(MlComponent.class);

    private OnnxModels models;

    @Activate
    void activate(MlConfig config) {
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            // Karaf's etc/system.properties normally sets it; this covers a container that does not.
            System.setProperty(OFFLINE_PROPERTY, "true");
            LOG.warn("{} was not set: set it to true so that DJL stays offline", OFFLINE_PROPERTY);
        }
        MlOptions options = MlOptions.from(config, Path.of(System.getProperty("karaf.data", ".")));
        models = new OnnxModels(options.interOpThreads(), options.intraOpThreads());
        loadDirectory(options.modelsDirectory());
        LOG.info("ml runtime active: {} model(s) from {}, inter-op {} intra-op {} thread(s)", models.list().size(),
                options.modelsDirectory(), options.interOpThreads(), options.intraOpThreads());
    }

    /** Loads NAME.onnx files; one bad file is logged and skipped, so it does not keep the others from running. */
    void loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.info("models directory {} does not exist: no model loaded at start", dir);
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.onnx")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - ".onnx".length());
                try {
                    models.load(name, file, expectedSha256(file));
                } catch (InferenceException | IllegalArgumentException | IllegalStateException | IOException e) {
                    LOG.error("model {} not loaded: {}", name, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("cannot list models directory {}: {}", dir, e.toString());
        }
    }

    /** The first word of NAME.onnx.sha256 (the sha256sum format), or null when there is no such file. */
    static String expectedSha256(Path onnx) throws IOException {
        Path sum = onnx.resolveSibling(onnx.getFileName() + ".sha256");
        if (!Files.exists(sum)) {
            return null;
        }
        String text = Files.readString(sum, StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? "" : text.split("\\s+", 2)[0];
    }

    @Deactivate
    void deactivate() {
        models.close();
        LOG.info("ml runtime closed");
    }

    @Override
    public List<NamedTensor> run(String model, List<NamedTensor> inputs) {
        return models.run(model, inputs);
    }

    @Override
    public ModelInfo load(String name, Path onnxFile, String sha256) {
        return models.load(name, onnxFile, sha256);
    }

    @Override
    public ModelInfo load(String name, URL onnxModel, String sha256) {
        return models.load(name, onnxModel, sha256);
    }

    @Override
    public ModelInfo loadVerified(String name, URL onnxModel) {
        return models.loadVerified(name, onnxModel);
    }

    @Override
    public List<ModelInfo> list() {
        return models.list();
    }

    @Override
    public Optional<ModelInfo> info(String name) {
        return models.info(name);
    }

    @Override
    public boolean unload(String name) {
        return models.unload(name);
    }
}
