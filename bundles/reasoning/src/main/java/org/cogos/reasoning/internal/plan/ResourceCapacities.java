package org.cogos.reasoning.internal.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much of each resource one robot has. A resource that is absent has capacity 0.
 *
 * @param amounts capacity per resource, in insertion order; actuators have exactly 1
 */
public record ResourceCapacities(Map<ResourceId, Long> amounts) {

    /** The actuators every robot has unless configured otherwise. */
    public static final List<String> DEFAULT_ACTUATORS = List.of("base", "speaker", "display", "gripper");
    /** Compute units of a robot unless configured otherwise. */
    public static final long DEFAULT_COMPUTE_UNITS = 16;
    /** Memory bytes of a robot unless configured otherwise (256 MiB). */
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;

    /** @throws IllegalArgumentException naming the resource when a capacity is negative or an actuator's is not 1 */
    public ResourceCapacities {
        Objects.requireNonNull(amounts, "amounts");
        Map<ResourceId, Long> copy = new LinkedHashMap<>();
        amounts.forEach((id, amount) -> {
            Objects.requireNonNull(id, "resource id");
            Objects.requireNonNull(amount, () -> "capacity of " + id);
            if (amount < 0) {
                throw new IllegalArgumentException("capacity of " + id + " must not be negative: " + amount);
            }
            if (id.kind().isExclusive() && amount != 1) {
                throw new IllegalArgumentException("capacity of exclusive " + id + " must be 1: " + amount);
            }
            copy.put(id, amount);
        });
        amounts = Collections.unmodifiableMap(copy);
    }

    /** @return the default robot: {@link #DEFAULT_ACTUATORS}, {@link #DEFAULT_COMPUTE_UNITS}, {@link #DEFAULT_MEMORY_BYTES} */
    public static ResourceCapacities defaults() {
        return of(DEFAULT_ACTUATORS, DEFAULT_COMPUTE_UNITS, DEFAULT_MEMORY_BYTES);
    }

    /** @return a robot with the named actuators, {@code computeUnits} compute units and {@code memoryBytes} bytes */
    public static ResourceCapacities of(Collection<String> actuators, long computeUnits, long memoryBytes) {
        Map<ResourceId, Long> amounts = new LinkedHashMap<>();
        for (String actuator : actuators) {
            amounts.put(ResourceId.actuator(actuator), 1L);
        }
        amounts.put(ResourceId.COMPUTE, computeUnits);
        amounts.put(ResourceId.MEMORY, memoryBytes);
        return new ResourceCapacities(amounts);
    }

    /** @return the capacity of {@code id}, 0 when the robot does not have it */
    public long capacity(ResourceId id) {
        return amounts.getOrDefault(id, 0L);
    }
}
