package org.cogos.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.cogos.harness.CogosInstance.CommandResult;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The module SDK as docs/writing-a-module.md has a developer use it: generate a module from
 * {@code cogos-module-archetype} (installed by this reactor), build it with its unit tests, trust its signer,
 * {@code cog:insmod} it into the running distribution, stream its modality from a simulated robot and see its
 * observations decide an action; a malformed percept is refused on the robot's error topic; the generated feature
 * loads it with {@code cog:modprobe}.
 *
 * <p>The generated module uses names other than the archetype's defaults, so that every name derived from them
 * (package, class prefix, artifact) is exercised.
 */
public class ModuleArchetypeIT {

    private static final String MODULE = "ultrasonic";
    private static final String MODALITY = "ultrasound";
    private static final String ARTIFACT = "cogos-" + MODULE;
    private static final String GROUP = "org.acme.robots";
    private static final String VERSION = "1.0.0-SNAPSHOT";

    /** The build's local repository: the nested builds resolve the reactor's artifacts there, and install into it. */
    private static final String REPO = System.getProperty("maven.repo.local");

    /** cog:modprobe resolves mvn: URLs from the build's repository, where the generated module is installed. */
    @ClassRule
    public static final RunningCogos COGOS = new RunningCogos("archetype", cogos -> cogos.configure(
            "org.ops4j.pax.url.mvn", "org.ops4j.pax.url.mvn.localRepository", REPO));

    private static Path project;

    @BeforeClass
    public static void generateBuildTrustAndInsert() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "module-archetype").toAbsolutePath());
        project = work.resolve(ARTIFACT);
        run(List.of("rm", "-rf", project.toString()), work, "rm");
        mvn(work, "generate", "org.apache.maven.plugins:maven-archetype-plugin:"
                + System.getProperty("cogos.archetypePluginVersion") + ":generate",
                "-DarchetypeGroupId=org.cogos", "-DarchetypeArtifactId=cogos-module-archetype",
                "-DarchetypeVersion=" + System.getProperty("cogos.version"), "-DarchetypeCatalog=local",
                "-DgroupId=" + GROUP, "-Dversion=" + VERSION, "-DmoduleName=" + MODULE, "-Dmodality=" + MODALITY);
        assertTrue("the class prefix follows the module name",
                Files.isRegularFile(project.resolve("src/main/java/org/acme/robots/ultrasonic/internal/"
                        + "UltrasonicModule.java")));

        // install, not package: the feature's mvn: URL (last test) finds the bundle in the build's repository.
        String build = mvn(project, "build", "install");
        assertTrue("the generated unit tests ran and passed:\n" + build,
                build.matches("(?s).*Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0\\R.*"));

        Path jar = project.resolve("target/" + ARTIFACT + "-" + VERSION + ".jar");
        // Enforced signatures, as shipped: the new key is not trusted yet.
        CommandResult untrusted = COGOS.instance().command("cog:insmod " + jar.toUri());
        assertEquals(untrusted.output(), 1, untrusted.exitStatus());
        assertTrue(untrusted.output(), untrusted.output().contains("which is not trusted"));

        Files.copy(project.resolve("target/" + ARTIFACT + "-signer.pem"),
                COGOS.instance().home().resolve("etc/cogos-module-signers/" + ARTIFACT + ".pem"));
        CommandResult inserted = COGOS.instance().command("cog:insmod " + jar.toUri());
        assertEquals(inserted.output(), 0, inserted.exitStatus());
        awaitLive();
    }

    /** A range under the rules engine's stopDistanceM (0.5 m) stops the robot; the decision names its source. */
    @Test
    public void streamedReadingsDecideAStopFromTheNewModality() throws Exception {
        try (RobotSimulator robot = COGOS.robot("sdk-robot")) {
            robot.connect();
            // Far readings are obstacles too, but R1 stops only for one nearer than 0.5 m; then the robot closes in.
            double[] ranges = { 3.0, 2.5, 2.0, 1.5, 1.0, 0.8, 0.6, 0.3, 0.3, 0.3 };
            for (int seq = 1; seq <= ranges.length; seq++) {
                robot.publishRaw("sensors/" + MODALITY, reading(seq, ranges[seq - 1]), 1, false);
                Thread.sleep(50);
            }
            List<ReceivedAction> actions = ScenarioSupport.actionsUntil(robot, 20, "a stop",
                    received -> !received.isEmpty());
            ReceivedAction stop = actions.get(0);
            assertEquals(stop.json(), "stop", stop.type());
            assertEquals(stop.json(), "obstacle", stop.params().get("label"));
            assertEquals(stop.json(), 0.3, ((Number) stop.params().get("distance_m")).doubleValue(), 1e-9);
            assertTrue(stop.reason(), stop.reason().startsWith("rules R1 stop: obstacle at 0.30 m bearing 0.00 rad ("
                    + MODALITY + " seq "));
            assertTrue("decided on a near reading: " + stop.json(), stop.sourceSeq() >= 8);

            String explained = COGOS.instance().shell("cog:explain --no-format " + stop.actionId());
            assertTrue(explained, explained.lines().anyMatch(line -> line.matches(
                    "[^\\t]*\\t\\s*" + MODALITY + "\\s*\\t\\s*" + MODULE + "\\s*\\t.*\\tobstacle\\s*\\t.*")));
        }
    }

    /** The robot reads what was wrong on its error topic; the refusals are counted and the module serves on. */
    @Test
    public void malformedReadingsAreRefusedWithAClearErrorAndCounted() throws Exception {
        String robotId = "sdk-fuzzy";
        List<String> errors = new CopyOnWriteArrayList<>();
        MqttClient watcher = COGOS.errorWatcher(robotId, errors);
        try (RobotSimulator robot = COGOS.robot(robotId)) {
            robot.connect();
            long errorsBefore = ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.ERRORS).get(MODULE);
            long processedBefore = ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.PROCESSED)
                    .get(MODULE);
            robot.publishRaw("sensors/" + MODALITY, "{\"seq\":1,\"range\":0.3}".getBytes(StandardCharsets.UTF_8), 1,
                    false);
            robot.publishRaw("sensors/" + MODALITY, "{\"seq\":2,\"range_m\":-1}".getBytes(StandardCharsets.UTF_8), 1,
                    false);
            robot.publishRaw("sensors/" + MODALITY, reading(3, 2.0), 1, false);

            ScenarioSupport.awaitErrors(errors, 2, 20);
            assertTrue(errors.get(0), errors.get(0).contains("\"module\":\"" + MODULE + "\"")
                    && errors.get(0).contains("\"code\":\"malformed\"")
                    && errors.get(0).contains("missing field: range_m"));
            assertTrue(errors.get(1), errors.get(1).contains("\"code\":\"out_of_range\"")
                    && errors.get(1).contains("range_m must be a distance in metres >= 0, got -1"));
            await("the refusals counted, the good reading processed").atMost(10, SECONDS).untilAsserted(() -> {
                assertEquals(errorsBefore + 2,
                        (long) ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.ERRORS).get(MODULE));
                assertEquals(processedBefore + 1,
                        (long) ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.PROCESSED).get(MODULE));
            });
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }

    /** The generated feature, as its comment and the guide say: repo-add, then modprobe by the module name. */
    @Test
    public void theGeneratedFeatureLoadsTheModuleWithModprobe() throws Exception {
        CommandResult removed = COGOS.instance().command("cog:rmmod " + MODULE);
        assertEquals(removed.output(), 0, removed.exitStatus());
        Path feature = project.resolve("target/feature/feature.xml");
        CommandResult added = COGOS.instance().command("feature:repo-add " + feature.toUri());
        assertEquals(added.output(), 0, added.exitStatus());
        CommandResult probed = COGOS.instance().command("cog:modprobe " + MODULE);
        assertEquals(probed.output(), 0, probed.exitStatus());
        awaitLive();
        String info = COGOS.instance().shell("cog:modinfo " + MODULE);
        assertTrue(info, info.contains("mvn:" + GROUP + "/" + ARTIFACT + "/" + VERSION));
        assertTrue(info, info.contains("CN=" + ARTIFACT + " module signing"));
    }

    private static void awaitLive() {
        await(MODULE + " live").atMost(30, SECONDS).untilAsserted(() -> {
            String lsmod = COGOS.instance().shell("cog:lsmod --no-format");
            assertTrue(lsmod, lsmod.lines().anyMatch(l -> l.matches(MODULE + "\\s*\\t\\s*live\\s*\\t.*")));
        });
    }

    private static byte[] reading(long seq, double rangeM) {
        return ("{\"seq\":" + seq + ",\"stamp\":" + System.currentTimeMillis() + ",\"range_m\":" + rangeM + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Maven as the developer runs it, against this build's local repository and offline when this build is: the
     * generated project needs nothing this reactor has not resolved or installed.
     */
    private static String mvn(Path dir, String what, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("cogos.mavenHome"), "bin", "mvn").toString(), "-B", "-ntp",
                "-Dmaven.repo.local=" + REPO));
        if (System.getProperty("cogos.mavenOffline", "").equals("offline=true")) {
            command.add("-o");
        }
        command.addAll(List.of(arguments));
        return run(command, dir, what);
    }

    /** Runs a command in {@code dir}; its output goes to target/module-archetype/{what}.log and is returned. */
    private static String run(List<String> command, Path dir, String what) throws IOException, InterruptedException {
        Path log = Path.of("target", "module-archetype", what + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(what + " did not finish in 5 minutes: " + String.join(" ", command));
        }
        String output = Files.readString(log);
        assertEquals(what + " (" + String.join(" ", command) + "):\n" + output, 0, process.exitValue());
        return output;
    }
}
