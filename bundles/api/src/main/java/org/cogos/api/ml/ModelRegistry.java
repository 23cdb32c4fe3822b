package org.cogos.api.ml;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The models loaded for {@link InferenceService}. Names are unique; loading under a taken name is refused. */
@ProviderType
public interface ModelRegistry {

    /**
     * Loads an ONNX model file.
     *
     * @param name the name to run it under: letters, digits, {@code . _ -}, at most 64 characters
     * @param onnxFile the model file
     * @param sha256 the file's expected SHA-256 (hex), or {@code null} to skip the check
     * @return the loaded model
     * @throws ModelLoadException the file is missing, its checksum differs, or the runtime refuses it
     * @throws IllegalArgumentException the name is malformed
     * @throws IllegalStateException a model of that name is already loaded
     */
    ModelInfo load(String name, Path onnxFile, String sha256);

    /**
     * Loads an ONNX model from a URL, typically an entry of the module bundle that ships it
     * ({@code bundle.getEntry("models/x.onnx")}), so a model comes and goes with its bundle. The caller should
     * unload it when it stops. The URL is read once; nothing is fetched from the network by this bundle's own
     * choice, so pass only local URLs (bundle entries, files).
     *
     * @throws ModelLoadException the URL cannot be read, its checksum differs, or the runtime refuses it
     * @see #load(String, Path, String)
     */
    ModelInfo load(String name, URL onnxModel, String sha256);

    /**
     * Loads an ONNX model that ships with its checksum, as module bundles carry theirs: {@code <model>.sha256}
     * beside it, in sha256sum format ({@code <hex>  <file name>}).
     *
     * @throws ModelLoadException the checksum file is missing, malformed or names another file, the model differs
     *         from it, or the runtime refuses the model
     * @see #load(String, URL, String)
     */
    ModelInfo loadVerified(String name, URL onnxModel);

    /** The loaded models, sorted by name. */
    List<ModelInfo> list();

    /** One loaded model. */
    Optional<ModelInfo> info(String name);

    /**
     * Unloads a model and releases its runtime session; calls running on it finish first.
     *
     * @return whether a model of that name was loaded
     */
    boolean unload(String name);
}
