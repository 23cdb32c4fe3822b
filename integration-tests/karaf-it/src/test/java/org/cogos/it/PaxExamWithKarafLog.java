package org.cogos.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Pax Exam's JUnit runner, with what a container that cannot boot says about itself.
 *
 * <p>Pax Exam reports a container that never registers its remote bundle context as "Cannot get the remote bundle
 * context" after its system timeout, and the reason — a feature repository the offline container could not
 * resolve, a bundle that did not start — is only in that container's {@code karaf.log}. This runner appends the
 * first ERROR lines of that log to such a failure, so the build output names the cause (issue 11).
 *
 * <p>It also ends the container's JVM in that case: Pax Exam 4.14's {@code KarafTestContainer.stop()} only shuts
 * its runner down once the container has started, so a container that never came up would otherwise outlive the
 * test and hold its ports and a core for the rest of the suite.
 */
public class PaxExamWithKarafLog extends PaxExam {

    /** Where {@link KarafTestSupport} unpacks every container, one folder each. */
    static final Path CONTAINERS = Path.of("target", "exam");

    /** The messages with which Pax Exam reports a container that did not come up. */
    private static final List<String> BOOT_FAILURES = List.of("Cannot get the remote bundle context",
            "Container never came up");

    private static final int MAX_ERROR_LINES = 12;
    private static final int MAX_LINE_LENGTH = 400;
    private static final long EXIT_WAIT_SECONDS = 10;

    public PaxExamWithKarafLog(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    public void run(RunNotifier notifier) {
        Set<Path> before = containerFolders();
        Forwarding forwarding = new Forwarding(notifier, before);
        RunNotifier diagnosing = new RunNotifier();
        diagnosing.addListener(forwarding);
        try {
            super.run(diagnosing);
        } catch (RuntimeException e) {
            // Stopping a container that never came up throws out of the runner instead of reporting a failure.
            if (!isBootFailure(e)) {
                throw e;
            }
            notifier.fireTestFailure(forwarding.withContainerLog(new Failure(getDescription(), e)));
        } finally {
            Set<Path> created = containerFolders();
            created.removeAll(before);
            created.forEach(PaxExamWithKarafLog::endLeftoverContainer);
        }
    }

    /** The first ERROR lines of a container's log, one per line, or a sentence saying why there are none. */
    static String firstErrors(Path karafLog) {
        if (!Files.isRegularFile(karafLog)) {
            return "(no " + karafLog + ": the container did not get as far as logging)";
        }
        try (Stream<String> lines = Files.lines(karafLog, StandardCharsets.UTF_8)) {
            String errors = lines.filter(line -> line.contains("| ERROR |")).limit(MAX_ERROR_LINES)
                    .map(line -> line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + " …" : line)
                    .collect(Collectors.joining("\n"));
            return errors.isEmpty() ? "(no ERROR line in " + karafLog + ")" : errors;
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + karafLog + ": " + e.getMessage() + ")";
        }
    }

    static Set<Path> containerFolders() {
        if (!Files.isDirectory(CONTAINERS)) {
            return new HashSet<>();
        }
        try (Stream<Path> folders = Files.list(CONTAINERS)) {
            return folders.filter(Files::isDirectory).map(Path::toAbsolutePath).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The karaf.log of a container folder (Pax Exam unpacks the distribution one level below it). */
    static Path karafLog(Path containerFolder) {
        try (Stream<Path> found = Files.find(containerFolder, 4,
                (path, attributes) -> path.endsWith(Path.of("data", "log", "karaf.log")))) {
            return found.findFirst().orElse(containerFolder.resolve("data/log/karaf.log"));
        } catch (IOException e) {
            return containerFolder.resolve("data/log/karaf.log");
        }
    }

    /** Whether a process of this JVM's still runs a container from that folder. */
    static boolean containerRunsFrom(Path containerFolder) {
        return ProcessHandle.current().descendants().anyMatch(process -> runsFrom(process, containerFolder));
    }

    private static void endLeftoverContainer(Path containerFolder) {
        List<ProcessHandle> leftover = ProcessHandle.current().descendants()
                .filter(process -> runsFrom(process, containerFolder)).toList();
        leftover.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : leftover) {
            try {
                process.onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("container JVM " + process.pid() + " from " + containerFolder
                        + " did not end after SIGKILL within " + EXIT_WAIT_SECONDS + " s", e);
            }
        }
    }

    private static boolean runsFrom(ProcessHandle process, Path containerFolder) {
        String folder = containerFolder.toString();
        return process.info().arguments()
                .map(arguments -> Stream.of(arguments).anyMatch(argument -> argument.contains(folder)))
                .orElse(false);
    }

    private static boolean isBootFailure(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && BOOT_FAILURES.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /** Hands every event on to the real notifier, with a boot failure's container log added to its message. */
    private static final class Forwarding extends RunListener {
        private final RunNotifier target;
        private final Set<Path> existingContainers;

        Forwarding(RunNotifier target, Set<Path> existingContainers) {
            this.target = target;
            this.existingContainers = existingContainers;
        }

        @Override
        public void testRunStarted(Description description) {
            target.fireTestRunStarted(description);
        }

        @Override
        public void testRunFinished(Result result) {
            target.fireTestRunFinished(result);
        }

        @Override
        public void testSuiteStarted(Description description) {
            target.fireTestSuiteStarted(description);
        }

        @Override
        public void testSuiteFinished(Description description) {
            target.fireTestSuiteFinished(description);
        }

        @Override
        public void testStarted(Description description) {
            target.fireTestStarted(description);
        }

        @Override
        public void testFinished(Description description) {
            target.fireTestFinished(description);
        }

        @Override
        public void testIgnored(Description description) {
            target.fireTestIgnored(description);
        }

        @Override
        public void testAssumptionFailure(Failure failure) {
            target.fireTestAssumptionFailed(failure);
        }

        @Override
        public void testFailure(Failure failure) {
            target.fireTestFailure(isBootFailure(failure.getException()) ? withContainerLog(failure) : failure);
        }

        /** The failure, its message followed by the first ERROR lines of the containers this run created. */
        Failure withContainerLog(Failure failure) {
            Set<Path> created = containerFolders();
            created.removeAll(existingContainers);
            StringBuilder message = new StringBuilder("The Karaf container did not come up: ")
                    .append(failure.getMessage());
            if (created.isEmpty()) {
                message.append("\n(no container folder under ").append(CONTAINERS.toAbsolutePath()).append(')');
            }
            for (Path folder : created) {
                Path log = karafLog(folder);
                message.append("\nFirst ERROR lines of ").append(log).append(":\n").append(firstErrors(log));
            }
            return new Failure(failure.getDescription(), new AssertionError(message.toString(), failure.getException()));
        }
    }
}
