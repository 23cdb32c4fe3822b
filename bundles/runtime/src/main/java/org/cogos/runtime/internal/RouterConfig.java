package org.cogos.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = RouterConfig.PID, name = "cogos runtime",
        description = "Percept routing between ingest and cognitive modules")
@interface RouterConfig {

    String PID = "org.cogos.runtime";

    // Bounds are constants so that the Options check the very numbers Metatype shows (the annotation is
    // not visible at run time); cog:param reads them from the Metatype.
    String LANES_MIN = "1";
    String LANES_MAX = "64";
    String LANE_QUEUE_CAPACITY_MIN = "16";
    String LANE_QUEUE_CAPACITY_MAX = "10000000";
    String HELD_CAPACITY_MIN = "0";
    String HELD_CAPACITY_MAX = "10000000";
    String DRAIN_TIMEOUT_MS_MIN = "0";
    String DRAIN_TIMEOUT_MS_MAX = "600000";
    String QUARANTINE_AFTER_FAULTS_MIN = "1";
    String QUARANTINE_AFTER_FAULTS_MAX = "1000000";
    String HELD_GRACE_MS_MIN = "0";
    String HELD_GRACE_MS_MAX = "3600000";
    String MAX_MODALITIES_MIN = "1";
    String MAX_MODALITIES_MAX = "1024";
    String MODALITY_QUEUE_MIB_MIN = "1";
    String MODALITY_QUEUE_MIB_MAX = "65536";

    @AttributeDefinition(name = "Lanes", min = LANES_MIN, max = LANES_MAX,
            description = "Routing threads per modality. A robot always maps to the same lane of a modality, which "
                    + "keeps its order; modalities never share a lane, so a slow one delays no other. "
                    + "Read at start only.")
    int lanes() default 4;

    @AttributeDefinition(name = "Lane queue capacity", min = LANE_QUEUE_CAPACITY_MIN, max = LANE_QUEUE_CAPACITY_MAX,
            description = "Percepts queued per lane before submit() refuses new ones (router_full error).")
    int laneQueueCapacity() default 100_000;

    @AttributeDefinition(name = "Held percepts per modality", min = HELD_CAPACITY_MIN, max = HELD_CAPACITY_MAX,
            description = "Percepts held per lane while no module serves its modality "
                    + "(during a swap). Past it the newest percept is refused with held_overflow.")
    int heldCapacity() default 100_000;

    @AttributeDefinition(name = "Drain timeout (ms)", min = DRAIN_TIMEOUT_MS_MIN, max = DRAIN_TIMEOUT_MS_MAX,
            description = "How long a departing module's in-flight calls are waited for before it is let go.")
    long drainTimeoutMs() default 5_000;

    @AttributeDefinition(name = "Faults before quarantine",
            min = QUARANTINE_AFTER_FAULTS_MIN, max = QUARANTINE_AFTER_FAULTS_MAX,
            description = "Consecutive runtime failures (not refused percepts) after which a module is "
                    + "quarantined: it gets no more percepts until it is reloaded.")
    int quarantineAfterFaults() default 20;

    @AttributeDefinition(name = "Grace for a modality never served (ms)", min = HELD_GRACE_MS_MIN,
            max = HELD_GRACE_MS_MAX,
            description = "How long percepts of a modality no module has served since the router started are "
                    + "held for one to register (a module still starting). Then they, and later ones until a "
                    + "module registers, are refused with no_module. A modality that had a module is held "
                    + "without limit of time (a swap).")
    long heldGraceMs() default 5_000;

    @AttributeDefinition(name = "Modalities", min = MAX_MODALITIES_MIN, max = MAX_MODALITIES_MAX,
            description = "Modalities that get lanes. A percept of a further modality that no module has served "
                    + "is refused with no_module at once: robots cannot make the router start threads without "
                    + "end by naming new modalities.")
    int maxModalities() default 32;

    @AttributeDefinition(name = "Waiting percept bytes per modality (MiB)", min = MODALITY_QUEUE_MIB_MIN,
            max = MODALITY_QUEUE_MIB_MAX,
            description = "Payload bytes a modality's percepts may take while they wait in its lanes, queued or held. "
                    + "Past it submit() refuses new ones (router_full): a modality whose module falls behind on "
                    + "large percepts (audio, camera) is bounded in memory, not only in count. Applies live.")
    long modalityQueueMiB() default 64;
}
