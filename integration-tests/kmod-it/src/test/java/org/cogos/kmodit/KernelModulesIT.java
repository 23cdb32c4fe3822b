package org.cogos.kmodit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
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

    /**
     * -cpu max offers AVX2 and FMA, so the module takes the AVX2 path (AVX-512 cannot run under TCG). Rounds:
     * every out-of-range parameter refused, the selftest forced onto the scalar path, the selftest on AVX2, the
     * selftest with every op on the workers (by default small ops run on the caller's thread), the selftest with
     * 8 workers behind a one-job queue, and the fuzzer; the modules are reloaded for each.
     */
    @Test
    public void selftestAndFuzzOnTheAvx2Path() throws Exception {
        QemuGuest.Run run = QemuGuest.boot("max", 2, 1200, GUEST.resolve("guest-tests.sh"), kmodBuild.toString(),
                "badparams", "selftest:max_simd=0", "selftest", "selftest:inline_max_work=0",
                "selftest:workers=8,queue_depth=1", "fuzz=45");
        assertGuestTestsPassed(run, 4);
        assertTrue(run.tail(), run.log().contains("simd avx2"));
    }

    /** The default qemu64 CPU has no AVX: the module must pick the scalar fallback by itself. */
    @Test
    public void selftestAndFuzzOnTheScalarFallback() throws Exception {
        QemuGuest.Run run = QemuGuest.boot("qemu64", 2, 900, GUEST.resolve("guest-tests.sh"), kmodBuild.toString(),
                "selftest", "fuzz=20:workers=3,queue_depth=2");
        assertGuestTestsPassed(run, 1);
        assertTrue(run.tail(), run.log().contains("simd scalar"));
        assertFalse(run.tail(), run.log().contains("simd avx2"));
    }

    /**
     * The numeric source on the build host, no device: every SIMD level the host has (AVX-512 where it exists)
     * against each other and a double reference, results independent of the row split, and cogos_expf.
     */
    @Test
    public void numericKernelsAgreeAcrossSimdLevelsOnTheHost() throws Exception {
        // make fails (and host() with it) on any failed check; the last line says the bit comparison ran.
        String out = QemuGuest.host(QemuGuest.KMOD, 600, "make", "BUILD=" + kmodBuild, "check-host");
        assertTrue(out, out.contains("-march=native gives the same bits at every level"));
    }

    /**
     * native-bridge's JUnit contract and the sensor's cluster classifier, run by a JVM inside the guest against
     * /dev/cogos_tensor: the sensor's data path really bound to the kernel module.
     *
     * <p>One vCPU: with two, the guest JVM once died of SIGSEGV at the entry of a JIT-compiled test method
     * (Reference.matmulBound) that HotSpot was patching to a jump (made not entrant) while another vCPU ran it;
     * the faulting instruction was a torn mix of old and new bytes. HotSpot's patching relies on how real x86 CPUs
     * fetch modified code, which QEMU's multi-threaded TCG does not reproduce. The kernel's own concurrency is
     * exercised on two vCPUs by the selftest and the fuzzer above.
     */
    @Test
    public void javaKernelBackendAgainstTheRealDevice() throws Exception {
        // The sensor's unsigned classes first: its test classes share its package, which a signed jar would seal
        // against them (module signing, docs/security.md).
        Path classpath = Path.of(System.getProperty("cogos.build.dir"), "guest-classpath-unsigned.txt");
        Files.writeString(classpath, System.getProperty("cogos.sensor.unsigned") + ":"
                + Files.readString(Path.of(System.getProperty("cogos.guest.classpath"))).strip());
        QemuGuest.Run run = QemuGuest.boot("max", 1, 900, GUEST.resolve("java.sh"), kmodBuild.toString(),
                classpath.toString(), System.getProperty("cogos.native.lib"),
                "org.cogos.nativebridge.KernelTensorEngineTest", "org.cogos.sensor.internal.KernelClassifierTest");
        assertEquals("guest failed:\n" + run.tail(), 0, run.status());
        Matcher ok = Pattern.compile("OK \\((\\d+) tests?\\)").matcher(run.log());
        assertTrue("JUnit did not report OK:\n" + run.tail(), ok.find());
        assertTrue("no test ran", Integer.parseInt(ok.group(1)) > 10);
        assertTrue(run.tail(), run.log().contains("RMMOD OK"));
    }

    private static void assertGuestTestsPassed(QemuGuest.Run run, int selftests) {
        assertEquals("guest failed:\n" + run.tail(), 0, run.status());
        assertTrue(run.tail(), run.log().contains("GUEST TESTS PASS"));
        Matcher selftest = Pattern.compile("SELFTEST PASS (\\d+) checks").matcher(run.log());
        for (int i = 0; i < selftests; i++) {
            assertTrue("selftest " + (i + 1) + " did not pass:\n" + run.tail(), selftest.find());
            assertTrue("too few checks: " + selftest.group(1), Integer.parseInt(selftest.group(1)) > 100);
        }
        Matcher fuzz = Pattern.compile("FUZZ DONE calls=(\\d+)").matcher(run.log());
        assertTrue("fuzz did not finish:\n" + run.tail(), fuzz.find());
        assertTrue("fuzz made too few calls: " + fuzz.group(1), Long.parseLong(fuzz.group(1)) >= 1000);
        assertTrue(run.tail(), run.log().contains("RMMOD OK"));
    }
}
