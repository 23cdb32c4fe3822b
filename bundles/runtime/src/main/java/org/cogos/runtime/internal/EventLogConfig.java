package org.cogos.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.cogos.runtime.events", name = "cogos module event log",
        description = "The ring of module events shown by cog:dmesg")
@interface EventLogConfig {

    @AttributeDefinition(name = "Capacity", min = "16", max = "1000000",
            description = "Events kept; the oldest are dropped first.")
    int capacity() default 2000;
}
