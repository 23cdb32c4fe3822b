package ${package}.internal;

import java.util.List;
import java.util.Map;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Detection;
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
 * The {@code ${moduleName}} module: serves the {@code ${modality}} modality. Each percept is one range reading;
 * an echo nearer than {@code maxRangeM} becomes an {@value #OBSTACLE} detection at that distance, along the
 * sensor's bearing, which the decision engines act on (the rules engine's R1 stops the robot for anything nearer
 * than its {@code stopDistanceM}).
 *
 * <p>The runtime calls {@link #process} from one thread per robot at a time, and for different robots
 * concurrently: the only state is the immutable options, swapped whole by {@link #modified}.
 */
@Component(service = CognitiveModule.class, configurationPid = ${classPrefix}Config.PID,
        property = {CognitiveModule.MODALITY + "=" + ${classPrefix}Module.MODALITY,
            CognitiveModule.MODULE + "=" + ${classPrefix}Module.MODULE})
@Designate(ocd = ${classPrefix}Config.class)
public class ${classPrefix}Module implements CognitiveModule {

    /** The module name, as in bnd.bnd's Cogos-Module header. */
    static final String MODULE = "${moduleName}";
    /** The modality served: percepts on cogos/v1/robots/{robot}/sensors/${modality}. */
    static final String MODALITY = "${modality}";
    /** The label the decision engines know for something in the way. */
    static final String OBSTACLE = "obstacle";
    /** Detection attribute: the robot's own time of the reading (ms since the epoch), when it sent one. */
    static final String STAMP = "stamp";

    private static final Logger LOG = LoggerFactory.getLogger(${classPrefix}Module.class);

    private volatile ${classPrefix}Options options;

    /** module_init: a configuration out of bounds stops the activation with the reason (cog:dmesg shows it). */
    @Activate
    public ${classPrefix}Module(${classPrefix}Config config) {
        options = ${classPrefix}Options.from(config);
        LOG.info("${moduleName} module active on modality ${modality}: {}", options);
    }

    /** A rejected change keeps the module running on its previous parameters. */
    @Modified
    void modified(${classPrefix}Config config) {
        try {
            options = ${classPrefix}Options.from(config);
            LOG.info("${moduleName} module parameters updated: {}", options);
        } catch (IllegalArgumentException e) {
            LOG.error("${moduleName} module keeps {}: {}", options, e.getMessage());
        }
    }

    /** module_exit: nothing to release; a module that loads a model or opens a device frees it here. */
    @Deactivate
    void deactivate() {
        LOG.info("${moduleName} module stopped");
    }

    ${classPrefix}Options options() {
        return options;
    }

    /**
     * One observation per accepted percept, also when nothing is in range (no detections), so that loss can be
     * detected end to end; a payload that cannot be used is refused with a {@link PerceptException}, which the
     * runtime counts and reports on the robot's error topic.
     */
    @Override
    public Observation process(Percept percept) throws PerceptException {
        Reading reading = PerceptParser.parse(percept.payload());
        ${classPrefix}Options current = options;
        List<Detection> detections = reading.rangeM() < current.maxRangeM()
                ? List.of(obstacle(reading, current))
                : List.of();
        return new Observation(percept.robotId(), percept.modality(), MODULE, percept.sequence(), reading.seq(),
                percept.receivedNanos(), System.currentTimeMillis(), detections);
    }

    /** The echo as an obstacle as wide as the beam at its range; the range is measured, not estimated. */
    private static Detection obstacle(Reading reading, ${classPrefix}Options options) {
        double width = 2 * reading.rangeM() * Math.tan(options.fieldOfViewRad() / 2);
        Map<String, String> attributes = reading.stamp() < 0 ? Map.of()
                : Map.of(STAMP, Long.toString(reading.stamp()));
        return new Detection(OBSTACLE, options.confidence(), reading.rangeM(), options.bearingRad(), width,
                attributes);
    }
}
