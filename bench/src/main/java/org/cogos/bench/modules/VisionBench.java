package org.cogos.bench.modules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.ml.NamedTensor;
import org.cogos.util.stats.Latencies;
import org.cogos.harness.Configs;
import org.cogos.ml.internal.OnnxModels;
import org.cogos.vision.internal.VisionConfig;
import org.cogos.vision.internal.VisionModule;

/** The vision module outside OSGi: the module on the committed images, and its detector alone on their tensors. */
final class VisionBench {

    static final String IMAGES = "bundles/vision/src/test/resources/org/cogos/vision/internal/";
    static final List<String> FRAMES = List.of("astronaut.jpg", "coffee.jpg");
    /** Where bnd.bnd puts the detector in the vision bundle, and where the module loads it from. */
    static final String MODEL_RESOURCE = "/models/centernet.onnx";

    /**
     * @param modelInModule the model's calls within the module's steady calls, one per frame
     */
    record Result(ModuleFigures<Observation> module, Latencies modelInModule, ModuleFigures<List<NamedTensor>> model) {

        /** Decoding, letterbox, box decoding and placement per frame: the module's time outside its model. */
        double restMeanMs() {
            return (module.steady().totalNanos() - modelInModule.totalNanos()) / 1e6 / module.steady().count();
        }
    }

    private VisionBench() {
    }

    static Result run(Repo repo, int warmup, int calls, int interOpThreads, int intraOpThreads) throws Exception {
        List<Percept> frames = new ArrayList<>();
        for (String frame : FRAMES) {
            frames.add(ModuleRun.percept("camera", frames.size(), repo.bytes(IMAGES + frame)));
        }
        try (OnnxModels ml = new OnnxModels(interOpThreads, intraOpThreads)) {
            ObservedInference inference = new ObservedInference(ml);
            ModuleLoader<CognitiveModule> loader = ModuleLoader.module(
                    () -> new VisionModule(inference, ml, Configs.defaults(VisionConfig.class)));
            List<Latencies> modelInModule = new ArrayList<>();
            ModuleFigures<Observation> module = ModuleRun.measure("vision", String.join(" + ", FRAMES), loader,
                    CognitiveModule::process, frames, warmup, calls, () -> {
                        inference.reset();
                        modelInModule.add(inference.calls());
                    });

            // The tensors the module's own decoding and letterbox make of each frame.
            List<List<NamedTensor>> tensors = new ArrayList<>();
            CognitiveModule vision = loader.load();
            try {
                for (Percept frame : frames) {
                    vision.process(frame);
                    tensors.add(inference.lastInputs());
                }
            } finally {
                loader.unload(vision);
            }
            URL model = model();
            String sha256 = sha256(model);
            ModuleLoader<String> modelLoader = new ModuleLoader<>() {
                @Override
                public String load() {
                    return ml.load("bench-centernet", model, sha256).name();
                }

                @Override
                public void unload(String name) {
                    ml.unload(name);
                }
            };
            ModuleFigures<List<NamedTensor>> alone = ModuleRun.measure("  its model alone", "the same, as tensors",
                    modelLoader, ml::run, tensors, warmup, calls, () -> { });
            return new Result(module, modelInModule.get(0), alone);
        }
    }

    static URL model() {
        URL model = VisionModule.class.getResource(MODEL_RESOURCE);
        if (model == null) {
            throw new IllegalStateException(MODEL_RESOURCE + " is not in the vision module's jar");
        }
        return model;
    }

    /** The digest in the {@code .sha256} file the module ships beside its model. */
    static String sha256(URL model) throws IOException {
        try (InputStream in = new URL(model, model.getPath().substring(model.getPath().lastIndexOf('/') + 1)
                + ".sha256").openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        }
    }

    /** What the module found in each frame: its best detections, for a reader to see that it did real work. */
    static String findings(List<Observation> firstPass) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < firstPass.size(); i++) {
            parts.add(FRAMES.get(i) + ": " + firstPass.get(i).detections().stream().limit(3)
                    .map(VisionBench::describe).collect(Collectors.joining(", ")));
        }
        return String.join("; ", parts);
    }

    private static String describe(Detection d) {
        return Double.isNaN(d.distanceM()) ? String.format(Locale.ROOT, "%s %.2f", d.label(), d.confidence())
                : String.format(Locale.ROOT, "%s %.2f at %.1f m", d.label(), d.confidence(), d.distanceM());
    }
}
