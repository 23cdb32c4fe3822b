package org.cogos.nativebridge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.Test;

/** The contract on the user-space backend: the numeric kernels in this JVM's process. */
public class UserspaceTensorEngineTest extends TensorEngineContract {

    @Override
    protected NativeTensorEngine createEngine() {
        return NativeTensorEngine.userspace();
    }

    /** The SIMD level follows the CPU as /proc/cpuinfo reports it; no pool, the caller's thread. */
    @Test
    public void statusDescribesThisProcess() throws IOException {
        TensorEngineStatus status = engine.status();
        assertEquals(TensorEngine.BACKEND_USERSPACE, status.backend());
        assertEquals("-", status.device());
        assertEquals(1, status.workers());
        assertEquals(0, status.poolBlocks());
        assertEquals(0, status.blocksUsed());
        Set<String> flags = cpuFlags();
        Set<String> expected = new HashSet<>();
        for (String feature : new String[] {"avx2", "fma", "avx512f"}) {
            if (flags.contains(feature)) {
                expected.add(feature);
            }
        }
        assertEquals(expected, status.cpuFeatures());
        String simd = expected.containsAll(Set.of("avx2", "fma", "avx512f")) ? "avx512"
                : expected.containsAll(Set.of("avx2", "fma")) ? "avx2" : "scalar";
        assertEquals(simd, status.simd());
    }

    /**
     * The copy path keeps its scratch memory between calls. With a malloc and free per call, glibc gave each
     * call of a megabyte or more fresh pages (page faults, the kernel zeroing them, munmap after): the 1 MB copy
     * path ran at 2-3 GB/s where it runs at 15-18 once the pages stay. Counted as this process's minor page
     * faults. The operand b is 32 MiB because glibc always maps blocks that large afresh, whatever its adaptive
     * thresholds learned from earlier tests (smaller blocks may come from a heap it did not trim yet); the
     * result is 128 floats, so the Java heap adds next to nothing. (Here only: the kernel backend's default
     * pool of 16 MiB could not hold the module's own copy of b.)
     */
    @Test
    public void copyPathKeepsItsScratchPagesBetweenCalls() throws IOException {
        int k = 65536, n = 128, calls = 20;
        Random random = new Random(16);
        float[] a = Reference.floats(random, k, 1);
        float[] b = Reference.floats(random, k * n, 1);
        float[] first = engine.matmul(a, b, 1, k, n);
        long before = minorFaults();
        for (int i = 0; i < calls; i++) {
            Reference.assertBitExact("call " + i, first, engine.matmul(a, b, 1, k, n));
        }
        long faults = minorFaults() - before;
        // 8192 pages of b per call without reuse; an eighth of that on average already fails
        assertTrue(faults + " minor page faults in " + calls + " calls: the copies get fresh pages every call",
                faults < calls * 1024L);
    }

    /** minflt of /proc/self/stat: the tenth field, the eighth after the command name's closing parenthesis. */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }

    private static Set<String> cpuFlags() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
            }
        }
        throw new AssertionError("no flags line in /proc/cpuinfo");
    }
}
