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

    @AttributeDefinition(name = "Lanes", min = LANES_MIN, max = LANES_MAX,
            description = "Routing threads. A robot always maps to the same lane, which keeps its order. "
                    + "Changing it restarts the router after draining the queues.")
    int lanes() default 4;

    @AttributeDefinition(name = "Lane queue capacity", min = LANE_QUEUE_CAPACITY_MIN, max = LANE_QUEUE_CAPACITY_MAX,
            description = "Percepts queued per lane before submit() refuses new ones (router_full error).")
    int laneQueueCapacity() default 100_000;

    @AttributeDefinition(name = "Held percepts per modality", min = HELD_CAPACITY_MIN, max = HELD_CAPACITY_MAX,
            description = "Percepts held per lane and modality while no module serves the modality "
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
}
