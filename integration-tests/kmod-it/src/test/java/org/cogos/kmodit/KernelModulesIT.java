package org.cogos.kmodit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The real kernel modules on Debian's own kernel, booted under qemu with software emulation (TCG). The guest
 * boots with panic_on_warn=1 oops=panic, so any oops, BUG or WARNING fails the run (run-guest.sh status 2), and
 * every run ends with an rmmod that must succeed.
 */
public class KernelModulesIT {

    private static final Path GUEST = QemuGuest.KMOD.resolve("qemu/guest");
    private static Path kmodBuild;

    @BeforeClass
    public static void buildModules() throws Exception {
        String kver = QemuGuest.kernelVersion();
        kmodBuild = QemuGuest.BUILD.resolve("kmod-" + kver);
        QemuGuest.host(QemuGuest.KMOD, 600, "make", "KVER=" + kver, "BUILD=" + kmodBuild, "all", "tests");
    }

    /** -cpu max offers AVX2 and FMA, so the modules take the AVX2 path (AVX-512 cannot run under TCG). */
    @Test
    public void selftestAndFuzzOnTheAvx2Path() throws Exception {
        QemuGuest.Run run = QemuGuest.boot("max", 900, GUEST.resolve("selftest.sh"), kmodBuild.toString(),
                "--seconds", "60", "--threads", "4");
        assertEquals("guest failed:\n" + run.tail(), 0, run.status());
        assertTrue(run.tail(), run.log().contains("simd=avx2"));
        assertSelftestAndFuzzPassed(run);
    }

    /** The default qemu64 CPU has no AVX: the scalar fallback must give the same answers. */
    @Test
    public void selftestAndFuzzOnTheScalarFallback() throws Exception {
        QemuGuest.Run run = QemuGuest.boot("qemu64", 900, GUEST.resolve("selftest.sh"), kmodBuild.toString(),
                "--seconds", "20", "--threads", "4");
        assertEquals("guest failed:\n" + run.tail(), 0, run.status());
        assertTrue(run.tail(), run.log().contains("simd=scalar"));
        assertSelftestAndFuzzPassed(run);
    }

    /**
     * native-bridge's JUnit contract and the sensor's cluster classifier, run by a JVM inside the guest against
     * /dev/cogos_tensor: the sensor's data path really bound to the kernel module.
     */
    @Test
    public void javaKernelBackendAgainstTheRealDevice() throws Exception {
        QemuGuest.Run run = QemuGuest.boot("max", 900, GUEST.resolve("java.sh"), kmodBuild.toString(),
                System.getProperty("cogos.guest.classpath"), System.getProperty("cogos.native.lib"),
                "org.cogos.nativebridge.KernelTensorEngineTest", "org.cogos.sensor.internal.KernelClassifierTest");
        assertEquals("guest failed:\n" + run.tail(), 0, run.status());
        Matcher ok = Pattern.compile("OK \\((\\d+) tests?\\)").matcher(run.log());
        assertTrue("JUnit did not report OK:\n" + run.tail(), ok.find());
        assertTrue("no test ran", Integer.parseInt(ok.group(1)) > 10);
        assertTrue(run.tail(), run.log().contains("RMMOD OK"));
    }

    private static void assertSelftestAndFuzzPassed(QemuGuest.Run run) {
        Matcher selftest = Pattern.compile("SELFTEST PASS (\\d+) checks").matcher(run.log());
        assertTrue("selftest did not pass:\n" + run.tail(), selftest.find());
        Matcher fuzz = Pattern.compile("FUZZ DONE calls=(\\d+)").matcher(run.log());
        assertTrue("fuzz did not finish:\n" + run.tail(), fuzz.find());
        assertTrue("fuzz made too few calls: " + fuzz.group(1), Long.parseLong(fuzz.group(1)) >= 1000);
        assertTrue(run.tail(), run.log().contains("RMMOD OK"));
    }
}
