package org.cogos.reasoning.internal.plan;

import java.util.Objects;

/**
 * An amount of one resource that a step needs: one unit of an actuator, some compute units or memory bytes.
 *
 * @param id     the resource
 * @param amount how much, positive; exactly 1 for exclusive kinds (actuators)
 */
public record ResourceClaim(ResourceId id, long amount) {

    /** @throws IllegalArgumentException naming the amount when it is not positive, or not 1 for an actuator */
    public ResourceClaim {
        Objects.requireNonNull(id, "id");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount of " + id + " must be positive: " + amount);
        }
        if (id.kind().isExclusive() && amount != 1) {
            throw new IllegalArgumentException("amount of exclusive " + id + " must be 1: " + amount);
        }
    }

    /** @return a claim on the actuator {@code name} */
    public static ResourceClaim actuator(String name) {
        return new ResourceClaim(ResourceId.actuator(name), 1);
    }

    /** @return a claim on {@code units} compute units */
    public static ResourceClaim compute(long units) {
        return new ResourceClaim(ResourceId.COMPUTE, units);
    }

    /** @return a claim on {@code bytes} bytes of memory */
    public static ResourceClaim memory(long bytes) {
        return new ResourceClaim(ResourceId.MEMORY, bytes);
    }

    @Override
    public String toString() {
        return id.kind().isExclusive() ? id.toString() : id + "=" + amount;
    }
}
