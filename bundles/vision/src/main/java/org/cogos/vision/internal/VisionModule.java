package org.cogos.vision.internal;

import java.net.URL;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vision} module: serves the {@code camera} modality. The detector ships in this bundle and is loaded
 * into the ml runtime at activation, checked against its SHA-256, and unloaded at deactivation; the runtime has
 * taken the module out of routing and let its calls finish by then. A parameter change swaps in a new immutable
 * processor over the same model, so frames in flight finish under the options they started with.
 */
@Component(service = CognitiveModule.class, configurationPid = VisionConfig.PID,
        property = {CognitiveModule.MODALITY + "=camera", CognitiveModule.MODULE + "=" + FrameProcessor.MODULE,
            CognitiveModule.BACKLOG + ":Integer=" + VisionModule.BACKLOG})
@Designate(ocd = VisionConfig.class)
public class VisionModule implements CognitiveModule {

    /**
     * Latest wins: one frame per robot waits while one is detected, a newer one supersedes it. A frame takes
     * 50-100 ms, so at 15 fps a queue would grow without end and every detection would describe the past.
     */
    static final int BACKLOG = 1;

    private static final Logger LOG = LoggerFactory.getLogger(VisionModule.class);

    private final ModelRegistry registry;
    private final InferenceService inference;
    private volatile FrameProcessor processor;

    @Activate
    public VisionModule(@Reference(name = "inference") InferenceService inference,
            @Reference(name = "registry") ModelRegistry registry, VisionConfig config) {
        this(inference, registry, config, VisionModule.class.getResource(CenterNet.RESOURCE));
    }

    /** With the model at {@code model} (and its {@code .sha256} beside it) instead of the shipped one. */
    VisionModule(InferenceService inference, ModelRegistry registry, VisionConfig config, URL model) {
        VisionOptions options = VisionOptions.from(config);
        this.registry = registry;
        this.inference = inference;
        long start = System.nanoTime();
        ModelInfo info = registry.loadVerified(CenterNet.MODEL_NAME, model);
        processor = new FrameProcessor(options, inference, CenterNet.MODEL_NAME);
        LOG.info("vision module active, {} loaded in {} ms (sha256 {}): {}", info.name(),
                (System.nanoTime() - start) / 1_000_000, info.sha256(), options);
    }

    /** A rejected change keeps the module running on its previous parameters. */
    @Modified
    void modified(VisionConfig config) {
        try {
            processor = new FrameProcessor(VisionOptions.from(config), inference, CenterNet.MODEL_NAME);
            LOG.info("vision module parameters updated: {}", processor.options());
        } catch (IllegalArgumentException e) {
            LOG.error("vision module keeps {}: {}", processor.options(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        if (!registry.unload(CenterNet.MODEL_NAME)) {
            LOG.warn("vision module: model {} was already unloaded", CenterNet.MODEL_NAME);
        }
    }

    VisionOptions options() {
        return processor.options();
    }

    @Override
    public Observation process(Percept percept) throws PerceptException {
        return processor.process(percept);
    }
}
