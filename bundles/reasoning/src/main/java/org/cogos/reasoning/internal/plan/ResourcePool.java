package org.cogos.reasoning.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The free amounts of one robot's resources. Grants take all-or-nothing; leases give back exactly what they took.
 *
 * <p>Thread-safe: {@link #take} and {@link #give} hold the pool's monitor, which is only held for a few array
 * operations, so contention stays per robot and short.
 */
final class ResourcePool {

    private final String robotId;
    private final ResourceCapacities capacities;
    private final Map<ResourceId, Integer> slots = new HashMap<>();
    private final ResourceId[] ids;
    private final long[] capacity;
    private final long[] free; // guarded by this

    ResourcePool(String robotId, ResourceCapacities capacities) {
        this.robotId = robotId;
        this.capacities = capacities;
        int size = capacities.amounts().size();
        this.ids = new ResourceId[size];
        this.capacity = new long[size];
        int slot = 0;
        for (Map.Entry<ResourceId, Long> entry : capacities.amounts().entrySet()) {
            slots.put(entry.getKey(), slot);
            ids[slot] = entry.getKey();
            capacity[slot] = entry.getValue();
            slot++;
        }
        this.free = capacity.clone();
    }

    String robotId() {
        return robotId;
    }

    ResourceCapacities capacities() {
        return capacities;
    }

    /**
     * Takes what {@code claims} need, or nothing.
     *
     * @return the amounts taken per slot, to give back later
     * @throws ResourceUnavailableException naming every short resource
     */
    long[] take(List<ResourceClaim> claims) {
        long[] demand = new long[ids.length];
        Map<ResourceId, Long> unknown = null;
        for (ResourceClaim claim : claims) {
            Integer slot = slots.get(claim.id());
            if (slot == null) {
                if (unknown == null) {
                    unknown = new LinkedHashMap<>();
                }
                unknown.merge(claim.id(), claim.amount(), Long::sum);
            } else {
                demand[slot] = Math.addExact(demand[slot], claim.amount());
            }
        }
        List<ResourceShortage> shortages = null;
        synchronized (this) {
            for (int slot = 0; slot < demand.length; slot++) {
                if (demand[slot] > free[slot]) {
                    if (shortages == null) {
                        shortages = new ArrayList<>();
                    }
                    shortages.add(new ResourceShortage(ids[slot], demand[slot], free[slot], capacity[slot]));
                }
            }
            if (shortages == null && unknown == null) {
                for (int slot = 0; slot < demand.length; slot++) {
                    free[slot] -= demand[slot];
                }
                return demand;
            }
        }
        List<ResourceShortage> all = shortages == null ? new ArrayList<>() : shortages;
        if (unknown != null) {
            unknown.forEach((id, amount) -> all.add(new ResourceShortage(id, amount, 0, 0)));
        }
        throw new ResourceUnavailableException(robotId, all);
    }

    /** Gives back what {@link #take} returned. */
    synchronized void give(long[] taken) {
        for (int slot = 0; slot < taken.length; slot++) {
            free[slot] += taken[slot];
        }
    }

    /** @return a snapshot of the free amount per resource */
    synchronized Map<ResourceId, Long> free() {
        Map<ResourceId, Long> snapshot = new LinkedHashMap<>();
        for (int slot = 0; slot < ids.length; slot++) {
            snapshot.put(ids[slot], free[slot]);
        }
        return snapshot;
    }
}
