package org.cogos.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EventLogConfig.PID, name = "cogos module event log",
        description = "The ring of module events shown by cog:dmesg")
@interface EventLogConfig {

    String PID = "org.cogos.runtime.events";

    // Bounds are constants so that the Options check the very numbers Metatype shows (the annotation is
    // not visible at run time); cog:param reads them from the Metatype.
    String CAPACITY_MIN = "16";
    String CAPACITY_MAX = "1000000";

    @AttributeDefinition(name = "Capacity", min = CAPACITY_MIN, max = CAPACITY_MAX,
            description = "Events kept; the oldest are dropped first.")
    int capacity() default 2000;
}
