package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.Test;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;
import org.junit.runner.RunWith;
import org.junit.runner.notification.Failure;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A Pax Exam container that cannot boot fails fast, says why, and leaves no JVM behind. */
public class ContainerBootFailureIT {

    /**
     * The failure a machine that never built cogos met (issue 11): the container resolves offline from a local
     * repository that lacks Pax Exam's feature repository, so it never comes up. Failsafe skips nested classes;
     * {@link #regressionContainerThatCannotBootWaitedThreeMinutesAndSaidNothing} runs this one itself.
     */
    @RunWith(PaxExamWithKarafLog.class)
    @ExamReactorStrategy(PerClass.class)
    public static class ContainerWithAnEmptyLocalRepository extends KarafTestSupport {

        @Configuration
        public Option[] config() throws Exception {
            String empty = Files.createTempDirectory("cogos-empty-m2").toString();
            return cogosDistribution(
                    editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                            "org.ops4j.pax.url.mvn.localRepository", empty),
                    editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                            "org.ops4j.pax.url.mvn.defaultRepositories", "file:" + empty + "@id=local@snapshots"));
        }

        @Test
        public void neverRuns() {
            // The container cannot come up, so Pax Exam fails this test before it runs.
        }
    }

    @Test
    public void regressionContainerThatCannotBootWaitedThreeMinutesAndSaidNothing() {
        Set<Path> before = PaxExamWithKarafLog.containerFolders();
        long started = System.nanoTime();

        Result result = JUnitCore.runClasses(ContainerWithAnEmptyLocalRepository.class);

        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        assertFalse("a container without Pax Exam's features came up", result.wasSuccessful());
        assertTrue("failed after " + seconds + " s: " + result.getFailures(), seconds < 60);
        // Pax Exam reports the boot and then, when it stops the container, "Container never came up": both say why.
        for (Failure failure : result.getFailures()) {
            assertTrue(failure.getMessage(),
                    failure.getMessage().startsWith("The Karaf container did not come up: "));
        }
        String message = result.getFailures().get(0).getMessage();
        assertTrue(message, message.contains("First ERROR lines of "));
        assertTrue(message, message.contains("| ERROR |"));
        assertTrue(message, message.contains("pax-exam-features"));

        Set<Path> created = PaxExamWithKarafLog.containerFolders();
        created.removeAll(before);
        assertEquals(created.toString(), 1, created.size());
        Path folder = created.iterator().next();
        assertTrue(message, message.contains(PaxExamWithKarafLog.karafLog(folder).toString()));
        assertFalse("a Karaf JVM still runs from " + folder, PaxExamWithKarafLog.containerRunsFrom(folder));
    }
}
