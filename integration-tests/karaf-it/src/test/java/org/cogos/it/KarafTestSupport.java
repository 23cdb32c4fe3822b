package org.cogos.it;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivilegedAction;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.harness.Ports;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;

/**
 * Boots the cogos distribution itself (the tar.gz this build made) under Pax Exam, offline, on free loopback
 * ports, and runs shell commands in it the way an operator would. Run these classes with
 * {@link PaxExamWithKarafLog}, so a container that cannot boot fails with its own log's errors.
 */
public abstract class KarafTestSupport {

    /**
     * How long a container may take to register its remote bundle context: one that cannot boot fails after this
     * instead of Pax Exam's default of three minutes (issue 11). Pax Exam 4.14 has one timeout, so this also bounds
     * the wait for the test probe's service, which takes longest in StockKarafIT (cogos's whole feature installing
     * at boot): 15 s in a CI run, over 45 s once with three other builds on the two cores.
     */
    static final long BOOT_TIMEOUT_MS = 50_000;

    /**
     * Regression (CI, DistributionIT): the test probe is a boot bundle like the others, and the tests ran as soon as
     * the services they inject were there, while the boot deployment was still starting the bundles after the
     * probe. On one machine that order put org.cogos.shell last; every test ran before it had started, and each
     * command failed as "Command not found". Karaf registers BootFinished once every boot feature is installed and
     * started: nothing runs before it.
     */
    @Inject
    @Filter(timeout = BOOT_TIMEOUT_MS)
    protected BootFinished bootFinished;

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    protected static Option[] cogosDistribution(Option... extra) {
        return karaf(maven().groupId("org.cogos").artifactId("cogos-distribution").type("tar.gz")
                .versionAsInProject(), "cogos", extra);
    }

    /** Stock Apache Karaf with cogos's features.xml added and one of its features installed, as a user would. */
    protected static Option[] stockKarafWith(String feature) {
        return karaf(maven().groupId("org.apache.karaf").artifactId("apache-karaf").type("tar.gz")
                .versionAsInProject(), "apache-karaf",
                features(maven().groupId("org.cogos").artifactId("cogos-features").classifier("features")
                        .type("xml").versionAsInProject(), feature));
    }

    /** The container's HTTP port (Pax Web), a system property inside it. */
    protected static final String HTTP_PORT_PROPERTY = "cogos.it.httpPort";

    /** A Karaf distribution from the local repository, offline, on free loopback ports. */
    protected static Option[] karaf(MavenArtifactUrlReference framework, String name, Option... extra) {
        String localRepo = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository");
        int broker = Ports.free();
        int http = Ports.free();
        Option[] base = {
            karafDistributionConfiguration().frameworkUrl(framework).name(name).karafVersion("4.4.10")
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            keepRuntimeFolder(),
            systemTimeout(BOOT_TIMEOUT_MS),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // Offline: the container resolves only from the build's local repository.
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    localRepo),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                    "org.ops4j.pax.url.mvn.defaultRepositories", "file:" + localRepo + "@id=local@snapshots"),
            // Free ports, so a Mosquitto or a running cogos on this machine does not get in the way.
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(Ports.free())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                    String.valueOf(Ports.free())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                    String.valueOf(Ports.free())),
            editConfigurationFilePut("etc/org.cogos.broker.cfg", "port", String.valueOf(broker)),
            editConfigurationFilePut("etc/org.cogos.mqtt.cfg", "uri", "tcp://127.0.0.1:" + broker),
            editConfigurationFilePut("etc/system.properties", "ai.djl.offline", "true"),
            // Pax Web's HTTP server (/metrics), found by the tests through the system property.
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(http)),
            editConfigurationFilePut("etc/system.properties", HTTP_PORT_PROPERTY, String.valueOf(http)),
        };
        Option[] all = new Option[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /**
     * Polls until the condition holds or the time is up. For the tests Pax Exam runs inside Karaf, which cannot use
     * Awaitility as the other tests do: Awaitility 4 imports Hamcrest 2, Pax Exam's JUnit bundle exports 1.3.
     *
     * @return whether it held; the caller asserts what it needs, with its own message
     */
    protected static boolean waitFor(long timeoutMs, long pollMs, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.call()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(pollMs);
        }
        return true;
    }

    /** Runs a shell command as the console would and returns what it printed; fails the test if the command fails. */
    protected String execute(String command) throws Exception {
        Outcome outcome = run(command);
        if (outcome.failure() != null) {
            throw new AssertionError("'" + command + "' failed: " + outcome.failure().getMessage() + "\n"
                    + outcome.printed(), outcome.failure());
        }
        return outcome.printed();
    }

    /**
     * Runs a shell command that must fail, as a cogos command does on bad input or a refusal: with Karaf's
     * {@link CommandException} (one line, no stack trace, exit status 1 for bin/client and ssh).
     *
     * @return what it printed, then the message the console shows for the failure
     */
    protected String executeFailing(String command) throws Exception {
        Outcome outcome = run(command);
        if (!(outcome.failure() instanceof CommandException)) {
            throw new AssertionError("'" + command + "' should fail with a CommandException, got "
                    + outcome.failure() + "\n" + outcome.printed(), outcome.failure());
        }
        return outcome.printed() + outcome.failure().getMessage() + System.lineSeparator();
    }

    /** What a command printed, and how it failed (null when it did not). */
    protected record Outcome(String printed, Exception failure) {
    }

    /**
     * Runs a command line as a console user with the given roles, as Karaf's console runs a logged-in user's: inside
     * the JAAS subject its command ACLs check. The tests' own commands run as an admin.
     */
    @SuppressWarnings("removal") // Subject.doAs: Karaf's ACLs read the subject this way on Java 17
    protected Outcome runAs(String user, String command, String... roles) {
        Set<Principal> principals = new HashSet<>();
        principals.add(new UserPrincipal(user));
        for (String role : roles) {
            principals.add(new RolePrincipal(role));
        }
        Subject subject = new Subject(true, principals, Set.of(), Set.of());
        return Subject.doAs(subject, (PrivilegedAction<Outcome>) () -> runInSubject(command));
    }

    /** Runs a command line as an admin and returns what it printed and how it failed, without asserting. */
    protected Outcome run(String command) {
        return runAs("it-admin", command, "admin", "manager", "operator", "viewer", "systembundles", "ssh");
    }

    private Outcome runInSubject(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Exception failure = null;
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            out.flush();
            session.close();
        }
        return new Outcome(bytes.toString(StandardCharsets.UTF_8), failure);
    }
}
