package org.cogos.runtime.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.runtime.internal.RouterConfig.*;

/** Validated, immutable view of {@link RouterConfig}. */
record RouterOptions(int lanes, int laneQueueCapacity, int heldCapacity, long drainTimeoutMs,
        int quarantineAfterFaults, long heldGraceMs, int maxModalities, long modalityQueueMiB) {

    static final RouterOptions DEFAULTS = new RouterOptions(4, 100_000, 100_000, 5_000, 20, 5_000, 32, 64);

    RouterOptions {
        within(PID, "lanes", lanes, LANES_MIN, LANES_MAX);
        within(PID, "laneQueueCapacity", laneQueueCapacity, LANE_QUEUE_CAPACITY_MIN, LANE_QUEUE_CAPACITY_MAX);
        within(PID, "heldCapacity", heldCapacity, HELD_CAPACITY_MIN, HELD_CAPACITY_MAX);
        within(PID, "drainTimeoutMs", drainTimeoutMs, DRAIN_TIMEOUT_MS_MIN, DRAIN_TIMEOUT_MS_MAX);
        within(PID, "quarantineAfterFaults", quarantineAfterFaults, QUARANTINE_AFTER_FAULTS_MIN,
                QUARANTINE_AFTER_FAULTS_MAX);
        within(PID, "heldGraceMs", heldGraceMs, HELD_GRACE_MS_MIN, HELD_GRACE_MS_MAX);
        within(PID, "maxModalities", maxModalities, MAX_MODALITIES_MIN, MAX_MODALITIES_MAX);
        within(PID, "modalityQueueMiB", modalityQueueMiB, MODALITY_QUEUE_MIB_MIN, MODALITY_QUEUE_MIB_MAX);
    }

    /** The routing bounds alone, with the defaults for the grace time, the modality count and the byte budget. */
    RouterOptions(int lanes, int laneQueueCapacity, int heldCapacity, long drainTimeoutMs, int quarantineAfterFaults) {
        this(lanes, laneQueueCapacity, heldCapacity, drainTimeoutMs, quarantineAfterFaults, DEFAULTS.heldGraceMs(),
                DEFAULTS.maxModalities(), DEFAULTS.modalityQueueMiB());
    }

    static RouterOptions from(RouterConfig config) {
        return new RouterOptions(config.lanes(), config.laneQueueCapacity(), config.heldCapacity(),
                config.drainTimeoutMs(), config.quarantineAfterFaults(), config.heldGraceMs(), config.maxModalities(),
                config.modalityQueueMiB());
    }
}
