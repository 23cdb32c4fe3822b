package org.cogos.sensor.internal;

import java.net.URL;
import java.util.Optional;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.api.admin.ScanMonitor;
import org.cogos.api.admin.ScanPoints;
import org.cogos.api.tensor.TensorEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sensor} module: serves the {@code lidar} modality. Its classifier runs in the {@link TensorEngine}
 * (the cogos_tensor kernel module, or its user-space twin), loaded at activation and freed at deactivation; the
 * runtime has taken the module out of routing and let its calls finish by then. A parameter change swaps in a new
 * immutable processor over the same classifier, so calls in flight finish under the options they started with.
 * It also keeps each robot's newest scan for operators' views ({@link ScanMonitor}).
 */
@Component(service = {CognitiveModule.class, ScanMonitor.class}, configurationPid = SensorConfig.PID,
        property = {CognitiveModule.MODALITY + "=lidar", CognitiveModule.MODULE + "=" + ScanProcessor.MODULE})
@Designate(ocd = SensorConfig.class)
public class LidarModule implements CognitiveModule, ScanMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(LidarModule.class);

    private final ClusterClassifier classifier;
    private volatile ScanProcessor processor;
    private final NewestScans newest = new NewestScans(NewestScans.ROBOTS);

    @Activate
    public LidarModule(@Reference(name = "engine") TensorEngine engine, SensorConfig config) {
        this(engine, config, LidarModule.class.getResource(ClusterClassifier.WEIGHTS));
    }

    /** With the weights at {@code weights} (and their {@code .sha256} beside them) instead of the shipped ones. */
    LidarModule(TensorEngine engine, SensorConfig config, URL weights) {
        SensorOptions options = SensorOptions.from(config);
        classifier = ClusterClassifier.load(engine, weights);
        processor = new ScanProcessor(options, classifier);
        LOG.info("lidar module active, classifier on the {} tensor backend: {}", classifier.backend(), options);
    }

    /** A rejected change keeps the module running on its previous parameters. */
    @Modified
    void modified(SensorConfig config) {
        try {
            processor = new ScanProcessor(SensorOptions.from(config), classifier);
            LOG.info("lidar module parameters updated: {}", processor.options());
        } catch (IllegalArgumentException e) {
            LOG.error("lidar module keeps {}: {}", processor.options(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        classifier.close();
    }

    @Override
    public Observation process(Percept percept) throws PerceptException {
        ScanProcessor.Result result = processor.process(percept);
        newest.put(percept.robotId(), result.scan());
        return result.observation();
    }

    @Override
    public Optional<ScanPoints> latest(String robotId) {
        return newest.get(robotId);
    }
}
