package org.cogos.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.cogos.runtime", name = "cogos runtime",
        description = "Percept routing between ingest and cognitive modules")
@interface RouterConfig {

    @AttributeDefinition(name = "Lanes", min = "1", max = "64",
            description = "Routing threads. A robot always maps to the same lane, which keeps its order. "
                    + "Changing it restarts the router after draining the queues.")
    int lanes() default 4;

    @AttributeDefinition(name = "Lane queue capacity", min = "16", max = "10000000",
            description = "Percepts queued per lane before submit() refuses new ones (router_full error).")
    int laneQueueCapacity() default 100_000;

    @AttributeDefinition(name = "Held percepts per modality", min = "0", max = "10000000",
            description = "Percepts held per lane and modality while no module serves the modality "
                    + "(during a swap). Past it the newest percept is refused with held_overflow.")
    int heldCapacity() default 100_000;

    @AttributeDefinition(name = "Drain timeout (ms)", min = "0", max = "600000",
            description = "How long a departing module's in-flight calls are waited for before it is let go.")
    long drainTimeoutMs() default 5_000;

    @AttributeDefinition(name = "Faults before quarantine", min = "1", max = "1000000",
            description = "Consecutive runtime failures (not refused percepts) after which a module is "
                    + "quarantined: it gets no more percepts until it is reloaded.")
    int quarantineAfterFaults() default 20;
}
