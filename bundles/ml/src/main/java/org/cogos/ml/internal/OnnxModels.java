package org.cogos.ml.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelLoadException;
import org.cogos.api.ml.ModelNotFoundException;
import org.cogos.api.ml.ModelRegistry;
import org.cogos.api.ml.NamedTensor;
import org.cogos.api.ml.TensorSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/** The models loaded in ONNX Runtime through DJL; plain Java and public, so tests (the shell's too) use it directly. */
public final class OnnxModels implements InferenceService, ModelRegistry, AutoCloseable {

    static final String ENGINE = "OnnxRuntime";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModels.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A line of sha256sum's output: the digest, a space, a space or '*' (binary mode), the file name. */
    private static final Pattern SHA256SUM_LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S+)\\s*");

    private final int interOpThreads;
    private final int intraOpThreads;
    private final Map<String, LoadedModel> models = new ConcurrentHashMap<>();
    private boolean closed;

    public OnnxModels(int interOpThreads, int intraOpThreads) {
        this.interOpThreads = interOpThreads;
        this.intraOpThreads = intraOpThreads;
    }

    @Override
    public ModelInfo load(String name, Path onnxFile, String sha256) {
        String expected = checkNameAndSha256(name, sha256);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(onnxFile);
        } catch (IOException e) {
            throw new ModelLoadException("model '" + name + "': cannot read " + onnxFile + ": " + e, e);
        }
        return load(name, onnxFile.toString(), bytes, expected);
    }

    @Override
    public ModelInfo load(String name, URL onnxModel, String sha256) {
        String expected = checkNameAndSha256(name, sha256);
        if (onnxModel == null) {
            throw new ModelLoadException("model '" + name + "': no URL given (is the resource in the bundle?)");
        }
        byte[] bytes;
        try (InputStream in = onnxModel.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("model '" + name + "': cannot read " + onnxModel + ": " + e, e);
        }
        return load(name, onnxModel.toString(), bytes, expected);
    }

    @Override
    public ModelInfo loadVerified(String name, URL onnxModel) {
        checkNameAndSha256(name, null);
        if (onnxModel == null) {
            throw new ModelLoadException("model '" + name + "': no URL given (is the resource in the bundle?)");
        }
        return load(name, onnxModel, checksumBeside(name, onnxModel));
    }

    /** The SHA-256 that {@code <model>.sha256} (sha256sum format, naming the model's file) gives for the model. */
    static String checksumBeside(String name, URL model) {
        String path = model.getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        String text;
        try (InputStream in = new URL(model, file + ".sha256").openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ModelLoadException("model '" + name + "': cannot read the checksum " + file + ".sha256 beside "
                    + model + ": " + e, e);
        }
        Matcher line = SHA256SUM_LINE.matcher(text);
        if (!line.matches() || !line.group(2).equals(file)) {
            throw new ModelLoadException("model '" + name + "': " + file + ".sha256 must be one line '<sha-256 in "
                    + "hex>  " + file + "', got '" + text.strip() + "'");
        }
        return line.group(1);
    }

    /** @return the expected SHA-256 in lower case, or null when none is given */
    private static String checkNameAndSha256(String name, String sha256) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name must be 1-64 of letters, digits, '.', '_', '-', got '"
                    + name + "'");
        }
        String expected = sha256 == null ? null : sha256.trim().toLowerCase(Locale.ROOT);
        if (expected != null && !SHA256.matcher(expected).matches()) {
            throw new IllegalArgumentException("expected SHA-256 of model '" + name + "' is not 64 hex digits: '"
                    + sha256 + "'");
        }
        return expected;
    }

    private ModelInfo load(String name, String source, byte[] bytes, String expected) {
        String actual = sha256(bytes);
        if (expected != null && !expected.equals(actual)) {
            throw new ModelLoadException("model '" + name + "': " + source + " has SHA-256 " + actual
                    + ", expected " + expected);
        }
        // The lock only orders loads against each other and close(); runs never take it.
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the ml runtime is closed");
            }
            if (models.containsKey(name)) {
                throw new IllegalStateException("model '" + name + "' is already loaded; unload it first");
            }
            LoadedModel loaded = Tccl.call(() -> open(name, source, actual, bytes));
            models.put(name, loaded);
            LOG.info("model {} loaded from {} (sha256 {}): inputs {}, outputs {}", name, source, actual,
                    loaded.info().inputs(), loaded.info().outputs());
            return loaded.info();
        }
    }

    /**
     * The ORT session is made here rather than by DJL's model loader, because DJL does not expose the shapes the
     * model declares; it then runs as the DJL model's block, owned by the model's manager (closing the model closes
     * it).
     */
    private LoadedModel open(String name, String source, String sha256, byte[] bytes) {
        // Device.cpu() explicitly: DJL's default device probes for CUDA through JNA, which the bundle does not carry.
        Model model = Model.newInstance(name, Device.cpu(), ENGINE);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setInterOpNumThreads(interOpThreads);
            options.setIntraOpNumThreads(intraOpThreads);
            // From the verified bytes, so the file cannot change between the checksum and the session.
            OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, options);
            try {
                List<TensorSpec> inputs = specs(session.getInputInfo());
                List<TensorSpec> outputs = specs(session.getOutputInfo());
                model.setBlock(new OrtSymbolBlock(session, (OrtNDManager) model.getNDManager()));
                return new LoadedModel(name, source, sha256, model, inputs, outputs);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException | RuntimeException e) {
            try {
                model.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw new ModelLoadException("model '" + name + "': " + source + " is not a valid ONNX model: "
                    + e.getMessage(), e);
        }
    }

    /** Tensor inputs/outputs as declared; non-tensor ones (maps, sequences) are named with an empty shape. */
    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes.values()) {
            long[] shape = node.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
            specs.add(new TensorSpec(node.getName(), shape));
        }
        return specs;
    }

    @Override
    public List<NamedTensor> run(String model, List<NamedTensor> inputs) {
        LoadedModel loaded = models.get(model);
        if (loaded == null) {
            throw new ModelNotFoundException(model);
        }
        return loaded.run(inputs);
    }

    @Override
    public List<ModelInfo> list() {
        List<ModelInfo> infos = new ArrayList<>();
        models.values().forEach(m -> infos.add(m.info()));
        infos.sort((a, b) -> a.name().compareTo(b.name()));
        return infos;
    }

    @Override
    public Optional<ModelInfo> info(String name) {
        return Optional.ofNullable(models.get(name)).map(LoadedModel::info);
    }

    @Override
    public boolean unload(String name) {
        LoadedModel loaded = models.remove(name);
        if (loaded == null) {
            return false;
        }
        loaded.close();
        LOG.info("model {} unloaded", name);
        return true;
    }

    /** Unloads every model; loads after this are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String name : List.copyOf(models.keySet())) {
            unload(name);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
