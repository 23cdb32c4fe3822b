package org.cogos.sensor.internal;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sensor} module: serves the {@code lidar} modality. A parameter change swaps in a new immutable
 * processor, so calls in flight finish under the options they started with.
 */
@Component(service = CognitiveModule.class, configurationPid = SensorConfig.PID,
        property = {CognitiveModule.MODALITY + "=lidar", CognitiveModule.MODULE + "=" + ScanProcessor.MODULE})
@Designate(ocd = SensorConfig.class)
public class LidarModule implements CognitiveModule {

    private static final Logger LOG = LoggerFactory.getLogger(LidarModule.class);

    private volatile ScanProcessor processor;

    @Activate
    void activate(SensorConfig config) {
        processor = new ScanProcessor(SensorOptions.from(config));
        LOG.info("lidar module active: {}", processor.options());
    }

    /** A rejected change keeps the module running on its previous parameters. */
    @Modified
    void modified(SensorConfig config) {
        try {
            processor = new ScanProcessor(SensorOptions.from(config));
            LOG.info("lidar module parameters updated: {}", processor.options());
        } catch (IllegalArgumentException e) {
            LOG.error("lidar module keeps {}: {}", processor.options(), e.getMessage());
        }
    }

    @Override
    public Observation process(Percept percept) throws PerceptException {
        return processor.process(percept);
    }
}
