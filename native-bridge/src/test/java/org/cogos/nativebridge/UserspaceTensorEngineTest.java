package org.cogos.nativebridge;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
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

    private static Set<String> cpuFlags() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
            }
        }
        throw new AssertionError("no flags line in /proc/cpuinfo");
    }
}
