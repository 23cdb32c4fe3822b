package org.cogos.api.admin;

import java.util.List;

/**
 * What the router has waiting for one modality now, for monitoring (docs/metrics.md): each lane's queue, and the
 * payload bytes waiting against the modality's budget.
 *
 * @param modality      the modality
 * @param queuedPerLane percepts queued in each lane, by lane index; a robot always goes to the same lane
 * @param laneCapacity  the most percepts one lane queues ({@code laneQueueCapacity}); beyond it, or beyond the
 *                      budget, a percept is refused ({@code router_full})
 * @param bytesWaiting  payload bytes of the modality's percepts queued, held or being processed
 * @param bytesBudget   the most bytes it may keep waiting ({@code modalityQueueMiB})
 */
public record ModalityQueue(String modality, List<Integer> queuedPerLane, int laneCapacity, long bytesWaiting,
        long bytesBudget) {

    public ModalityQueue {
        queuedPerLane = List.copyOf(queuedPerLane);
    }
}
