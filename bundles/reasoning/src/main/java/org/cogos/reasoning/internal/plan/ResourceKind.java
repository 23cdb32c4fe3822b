package org.cogos.reasoning.internal.plan;

import java.util.Locale;

/** What a resource is, which decides how it is shared. */
public enum ResourceKind {
    /** Compute units, divisible: several steps may share the pool up to its capacity. */
    COMPUTE,
    /** Memory in bytes, divisible like compute. */
    MEMORY,
    /** A robot actuator, exclusive: capacity 1, so one decision step at a time commands it. */
    ACTUATOR;

    /** @return the lower-case prefix used in resource ids, e.g. {@code actuator} */
    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether a claim on this kind is all-or-nothing (amount 1 of capacity 1) */
    public boolean isExclusive() {
        return this == ACTUATOR;
    }
}
