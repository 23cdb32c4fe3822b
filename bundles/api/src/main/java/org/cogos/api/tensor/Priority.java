package org.cogos.api.tensor;

/**
 * How urgent tensor work is, most urgent first: where work waits, work of a higher class goes first. The
 * single-op methods of {@link TensorEngine} and {@link MlpNetwork#classify(Tensor, Tensor, Tensor)} run at
 * {@link #INTERACTIVE}; {@link TensorEngine#batch} and {@link MlpNetwork#classify(Priority, Tensor, Tensor, Tensor)}
 * take a class.
 *
 * <p>Work never waits for queued work of a lower class, and no running op is stopped for more urgent work: on the
 * kernel backend a {@link #SAFETY} op that goes to the module's workers waits for a worker to end the job it runs
 * (a worker's share of one op), and it may wait beside lower classes when the module's job queue is full
 * (kmod/README.md, "Priorities").
 * <ul>
 * <li><b>kernel</b>: the classes are the cogos_tensor module's priorities 3 ({@code COGOS_TENSOR_PRIO_MAX}), 2 and 0
 * (1 is not used: only the order matters). The module's workers take queued jobs highest priority first; an op of
 * at most {@code inline_max_work} multiply-adds or elements runs at once on the calling thread and queues for
 * nothing (kmod/README.md, "Priorities").</li>
 * <li><b>userspace</b>: ops compute on the calling thread. {@link #INTERACTIVE} and {@link #BACKGROUND} ops take
 * turns, as many at once as the JVM has processors: one that finds them all busy waits, and a finishing op hands
 * its turn to the longest-waiting op of the more urgent class; a batch keeps its turn from its first op to its last
 * but hands it on between two ops to waiting work of a more urgent class. A {@link #SAFETY} op never waits: it
 * computes at once, sharing a core with running work through the operating system's scheduler, and the turn it
 * took beyond the limit is taken back from the next op to end.</li>
 * </ul>
 */
public enum Priority {
    /** Work a stop depends on, such as the LIDAR classifier's obstacle and person detection. */
    SAFETY,
    /** Work a robot or an operator is waiting for; the default of the single-op methods. */
    INTERACTIVE,
    /** Bulk work nobody waits for; it computes when no waiting work of a higher class needs the turn. */
    BACKGROUND
}
