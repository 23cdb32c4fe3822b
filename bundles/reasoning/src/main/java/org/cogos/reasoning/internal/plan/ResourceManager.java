package org.cogos.reasoning.internal.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.cogos.api.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RaBAB's Resource Manager: knows each robot's capacities and grants their resources as {@link ResourceLease}s of
 * single-use tokens, all or nothing. A robot without its own configuration gets the default capacities; its pool
 * is created on first use.
 *
 * <p>Thread-safe. Grants on different robots do not contend; grants on one robot hold its pool's lock for a few
 * array operations.
 */
public final class ResourceManager {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceManager.class);

    private final ResourceCapacities defaults;
    private final Map<String, ResourceCapacities> configured;
    private final LeakPolicy leakPolicy;
    private final Map<String, ResourcePool> pools = new ConcurrentHashMap<>();
    private final AtomicLong nextLeaseId = new AtomicLong(1);
    private final LongAdder leasesOpened = new LongAdder();
    private final LongAdder leasesClosed = new LongAdder();
    private final LongAdder tokensGranted = new LongAdder();
    private final LongAdder tokensConsumed = new LongAdder();
    private final LongAdder tokensReleased = new LongAdder();
    private final LongAdder tokensLeaked = new LongAdder();
    private final LongAdder grantsRefused = new LongAdder();
    private final LongAdder usesRefused = new LongAdder();

    /** A manager giving every robot {@link ResourceCapacities#defaults()}, reporting leaks without throwing. */
    public ResourceManager() {
        this(ResourceCapacities.defaults(), Map.of(), LeakPolicy.REPORT);
    }

    /**
     * @param defaults   capacities of robots not in {@code perRobot}
     * @param perRobot   capacities by robot id
     * @param leakPolicy what closing a lease with live tokens does
     * @throws IllegalArgumentException naming a malformed robot id
     */
    public ResourceManager(ResourceCapacities defaults, Map<String, ResourceCapacities> perRobot,
            LeakPolicy leakPolicy) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(perRobot, "perRobot");
        perRobot.forEach((robotId, capacities) -> {
            Names.requireName("robotId", robotId);
            Objects.requireNonNull(capacities, () -> "capacities of robot '" + robotId + "'");
        });
        this.configured = Map.copyOf(perRobot);
        this.leakPolicy = Objects.requireNonNull(leakPolicy, "leakPolicy");
    }

    /** @return the capacities of {@code robotId} */
    public ResourceCapacities capacities(String robotId) {
        Names.requireName("robotId", robotId);
        return configured.getOrDefault(robotId, defaults);
    }

    /** @return a snapshot of the free amount of each of {@code robotId}'s resources */
    public Map<ResourceId, Long> free(String robotId) {
        return pool(robotId).free();
    }

    /**
     * Grants all of {@code claims} on {@code robotId}'s resources, or nothing.
     *
     * @return a lease with one token per claim, in claim order
     * @throws ResourceUnavailableException naming every resource that is short (or that the robot lacks)
     * @throws IllegalArgumentException     naming a malformed robot id
     */
    public ResourceLease grant(String robotId, List<ResourceClaim> claims) {
        Objects.requireNonNull(claims, "claims");
        for (ResourceClaim claim : claims) {
            Objects.requireNonNull(claim, "claim");
        }
        ResourcePool pool = pool(robotId);
        long[] taken;
        try {
            taken = pool.take(claims);
        } catch (ResourceUnavailableException e) {
            grantsRefused.increment();
            LOG.debug("Refused grant: {}", e.getMessage());
            throw e;
        }
        ResourceLease lease = new ResourceLease(this, pool, nextLeaseId.getAndIncrement(), claims, taken);
        leasesOpened.increment();
        tokensGranted.add(claims.size());
        return lease;
    }

    /** @return a snapshot of the counters; consistent once no lease is in use */
    public ResourceCounters counters() {
        return new ResourceCounters(leasesOpened.sum(), leasesClosed.sum(), tokensGranted.sum(),
                tokensConsumed.sum(), tokensReleased.sum(), tokensLeaked.sum(), grantsRefused.sum(),
                usesRefused.sum());
    }

    private ResourcePool pool(String robotId) {
        Names.requireName("robotId", robotId);
        ResourcePool pool = pools.get(robotId);
        return pool != null ? pool : pools.computeIfAbsent(robotId, id -> new ResourcePool(id, capacities(id)));
    }

    void recordConsumed() {
        tokensConsumed.increment();
    }

    void recordReleased() {
        tokensReleased.increment();
    }

    void recordUseRefused() {
        usesRefused.increment();
    }

    void recordClosed(ResourceLease lease, List<LinearResource> leaked) {
        leasesClosed.increment();
        if (leaked.isEmpty()) {
            return;
        }
        tokensLeaked.add(leaked.size());
        String message = "lease " + lease.id() + " of robot '" + lease.robotId() + "' closed with "
                + leaked.size() + " unused token(s), returned to the pool: " + leaked;
        LOG.warn("Resource leak: {}", message);
        if (leakPolicy == LeakPolicy.STRICT) {
            throw new IllegalStateException(message);
        }
    }
}
