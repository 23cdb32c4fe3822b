package org.cogos.api.tensor;

import java.util.Set;

/**
 * What {@code kmod:status} shows.
 *
 * @param backend        {@code kernel} or {@code userspace}
 * @param device         the device file the kernel backend uses, or {@code -}
 * @param simd           the numeric path in use: {@code scalar}, {@code avx2} or {@code avx512}
 * @param cpuFeatures    what the CPU offers of avx2, fma, avx512f
 * @param workers        kernel worker threads (1 for user space: the caller's thread)
 * @param poolBlocks     blocks of the memory pool (0 for user space: no pool)
 * @param blocksUsed     blocks allocated now
 * @param blockBytes     size of a block
 * @param calls          calls completed since the backend started
 * @param errors         calls refused or failed since the backend started
 * @param callsPerSecond calls completed per second over the last few seconds
 */
public record TensorEngineStatus(String backend, String device, String simd, Set<String> cpuFeatures, int workers,
        long poolBlocks, long blocksUsed, long blockBytes, long calls, long errors, double callsPerSecond) {

    public TensorEngineStatus {
        cpuFeatures = Set.copyOf(cpuFeatures);
    }
}
