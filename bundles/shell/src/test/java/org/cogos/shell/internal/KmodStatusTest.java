package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cogos.api.tensor.ComputeOp;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.Test;

/** kmod:status against the real engine (native-bridge's user-space backend) and a kernel backend's status. */
public class KmodStatusTest {

    private final Console console = new Console();

    private static KmodStatus kmodStatus(TensorEngine engine, boolean noFormat) {
        KmodStatus command = new KmodStatus();
        command.engine = engine;
        command.noFormat = noFormat;
        return command;
    }

    private Map<String, String> rows() {
        return console.tableRows().stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
    }

    /** A kernel backend's status, as the cogos_tensor device reports it (the host cannot load the module). */
    @Test
    public void kernelBackendShowsDevicePoolAndCalls() {
        TensorEngineStatus kernel = new TensorEngineStatus("kernel", "/dev/cogos_tensor", "avx2",
                Set.of("fma", "avx2"), 4, 1024, 12, 4096, 120_431, 3, 249.7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KmodStatus.table(kernel).print(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        List<List<String>> lines = Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\\R"))
                .map(line -> Arrays.stream(line.split(" [|│] ")).map(String::strip).toList()).toList();
        assertEquals(List.of("Property", "Value"), lines.get(0));
        assertEquals(List.of(
                List.of("backend", "kernel"),
                List.of("device", "/dev/cogos_tensor"),
                List.of("simd", "avx2"),
                List.of("cpu features", "avx2,fma"),
                List.of("workers", "4"),
                List.of("pool blocks", "12/1024 used"),
                List.of("pool memory", "48.0 KiB/4.0 MiB used, blocks of 4.0 KiB"),
                List.of("calls", "120431"),
                List.of("errors", "3"),
                List.of("calls/s", "250")), lines.subList(2, lines.size()));
    }

    @Test
    public void userspaceBackendCountsTheCallsAndErrorsMadeOnIt() {
        try (NativeTensorEngine engine = NativeTensorEngine.userspace()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i + 2, engine.compute(ComputeOp.ADD, i, 2));
            }
            // Refused, and so counted as an error by the engine: what the table must show.
            assertThrows(IllegalArgumentException.class, () -> engine.compute(ComputeOp.DIVIDE, 1, 0));

            console.run(kmodStatus(engine, false));
        }

        Map<String, String> rows = rows();
        assertEquals("userspace", rows.get("backend"));
        assertEquals("-", rows.get("device"));
        assertTrue(rows.get("simd"), Set.of("scalar", "avx2", "avx512").contains(rows.get("simd")));
        if (!rows.get("simd").equals("scalar")) {
            assertTrue(rows.get("cpu features"), rows.get("cpu features").contains(rows.get("simd").equals("avx2")
                    ? "avx2" : "avx512f"));
        }
        assertEquals("1", rows.get("workers"));
        assertEquals("no pool in user space", "-", rows.get("pool blocks"));
        assertEquals("-", rows.get("pool memory"));
        assertEquals("5", rows.get("calls"));
        assertEquals("1", rows.get("errors"));
        assertEquals("", console.err());
        assertEquals(0, console.exitStatus());
    }

    @Test
    public void noFormatGivesOneTabSeparatedRowPerProperty() {
        try (NativeTensorEngine engine = NativeTensorEngine.userspace()) {
            console.run(kmodStatus(engine, true));
        }
        List<String> lines = console.outLines();
        assertEquals(10, lines.size());
        assertEquals(List.of("backend", "userspace"),
                Arrays.stream(lines.get(0).split("\t")).map(String::strip).toList());
    }

    @Test
    public void withoutNativeBridgeSaysWhatIsMissing() {
        console.run(kmodStatus(null, false));
        assertEquals("", console.out());
        assertEquals(List.of("tensor engine not available: is cogos-native-bridge installed?"), console.errLines());
        assertEquals(1, console.exitStatus());
    }

    @Test
    public void anEngineClosedUnderTheCommandIsOneErrorLine() {
        NativeTensorEngine engine = NativeTensorEngine.userspace();
        engine.close();
        console.run(kmodStatus(engine, false));
        assertEquals("", console.out());
        assertEquals(List.of("tensor engine status failed: the userspace tensor engine is closed"),
                console.errLines());
        assertEquals(1, console.exitStatus());
    }
}
