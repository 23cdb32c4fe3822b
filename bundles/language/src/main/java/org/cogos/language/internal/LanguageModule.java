package org.cogos.language.internal;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code language} module: serves the {@code text} modality. The OpenNLP models load from the bundle at
 * activation and are released at deactivation; the runtime has taken the module out of routing and let its calls
 * finish by then. A parameter change swaps in a new immutable processor over the same models.
 */
@Component(service = CognitiveModule.class, configurationPid = LanguageConfig.PID,
        property = {CognitiveModule.MODALITY + "=text", CognitiveModule.MODULE + "=" + TextProcessor.MODULE})
@Designate(ocd = LanguageConfig.class)
public class LanguageModule implements CognitiveModule {

    private static final Logger LOG = LoggerFactory.getLogger(LanguageModule.class);

    private final NlpModels models;
    private volatile TextProcessor processor;

    @Activate
    public LanguageModule(LanguageConfig config) {
        LanguageOptions options = LanguageOptions.from(config);
        long start = System.nanoTime();
        models = NlpModels.load(LanguageModule.class.getClassLoader());
        processor = new TextProcessor(options, models);
        LOG.info("language module active, OpenNLP models loaded in {} ms: {}",
                (System.nanoTime() - start) / 1_000_000, options);
    }

    /** A rejected change keeps the module running on its previous parameters. */
    @Modified
    void modified(LanguageConfig config) {
        try {
            processor = new TextProcessor(LanguageOptions.from(config), models);
            LOG.info("language module parameters updated: {}", processor.options());
        } catch (IllegalArgumentException e) {
            LOG.error("language module keeps {}: {}", processor.options(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        models.close();
    }

    boolean modelsLoaded() {
        return models.isLoaded();
    }

    @Override
    public Observation process(Percept percept) throws PerceptException {
        return processor.process(percept);
    }
}
