package org.cogos.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The SPI of a cognitive module: turns percepts of one modality into observations.
 *
 * <p>Register an implementation as an OSGi service with the property {@value #MODALITY} (the modality it
 * handles) and {@value #MODULE} (its module name; defaults to the bundle's {@code Cogos-Module} header). The
 * runtime calls {@link #process} from one thread per robot at a time, in arrival order, and waits for calls in
 * flight to return before the service goes away, so an implementation needs no locking for per-call state.
 * Modalities do not wait for each other: percepts of other modalities, of the same robot too, are processed on
 * other threads meanwhile.
 */
@ConsumerType
public interface CognitiveModule {

    /** Service property: the modality handled, e.g. {@code lidar}. */
    String MODALITY = "cogos.modality";

    /** Service property: the module name shown by {@code cog:lsmod}. */
    String MODULE = "cogos.module";

    /**
     * Service property, optional, an Integer of at least 1: how many percepts per robot may wait for this module
     * before the oldest waiting one is superseded (dropped, counted as {@code superseded}, not reported to the
     * robot) in favour of the newest. For a stream where only the latest value matters, such as camera frames.
     * Absent: every percept is processed, none is ever superseded; right for streams whose pieces all count,
     * such as audio chunks or scans a safety rule must see.
     */
    String BACKLOG = "cogos.backlog";

    /**
     * @return the observation made of this percept (never null; may hold no detections)
     * @throws PerceptException when the payload cannot be used; the runtime counts and reports it, and the
     *                          module keeps serving the next percept
     */
    Observation process(Percept percept) throws PerceptException;
}
