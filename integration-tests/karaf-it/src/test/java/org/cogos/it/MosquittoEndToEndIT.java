package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.Ports;
import org.cogos.robotsim.RobotSimulator;
import org.cogos.util.io.AtomicFile;
import org.cogos.util.security.PasswordHash;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The distribution pointed at an external Mosquitto (Debian's), as a production site runs it: cogos logs in with a
 * password it reads from a secret file in etc/ ({@code $[secret:...]}, Felix's Config Admin interpolation plugin,
 * which Karaf starts), never written in its configuration. (Anonymous robots are let in here; the site
 * configuration with robots' accounts is MosquittoSiteConfigIT's.)
 */
public class MosquittoEndToEndIT {

    private static final String SECRET_FILE = "cogos-mqtt-password";

    private static MosquittoBroker mosquitto;
    private static CogosInstance cogos;
    private static int embeddedPort;
    private static String password;

    @BeforeClass
    public static void start() throws Exception {
        Path dir = Path.of("target", "e2e", "mosquitto").toAbsolutePath();
        Files.createDirectories(dir);
        password = PasswordHash.generate();
        Path passwords = dir.resolve("cogos.passwd");
        Process made = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwords.toString(), "cogos", password)
                .redirectErrorStream(true).start();
        assertEquals(new String(made.getInputStream().readAllBytes(), StandardCharsets.UTF_8), 0, made.waitFor());
        // Mosquitto run as root reads it after switching to its own user; a site chowns it to that user instead.
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        mosquitto = MosquittoBroker.start(dir, "password_file " + passwords);

        cogos = ScenarioSupport.unpack("with-mosquitto");
        embeddedPort = Integer.parseInt(cogos.mqttUri().replaceAll(".*:", ""));
        cogos.useExternalBroker(mosquitto.uri());
        cogos.configure("org.cogos.mqtt", "username", "cogos");
        cogos.configure("org.cogos.mqtt", "password", "$[secret:" + SECRET_FILE + "]");
        AtomicFile.writeOwnerOnly(cogos.home().resolve("etc").resolve(SECRET_FILE),
                out -> out.write(password.getBytes(StandardCharsets.UTF_8)));
        cogos.start(120_000);
    }

    @AfterClass
    public static void stop() throws Exception {
        ScenarioSupport.stop(cogos, mosquitto);
    }

    @Test
    public void embeddedBrokerStaysOffWhenAnExternalOneIsConfigured() throws Exception {
        assertFalse("embedded broker must not listen on " + embeddedPort, Ports.listening(embeddedPort));
        String log = cogos.logTail(400);
        assertTrue(log, log.contains("external"));
    }

    /** Mosquitto checks the password (a wrong one would be refused); cogos's files and log never hold it. */
    @Test
    public void cogosLogsInWithAPasswordFromASecretFile() throws Exception {
        assertTrue(mosquitto.log(), mosquitto.log().lines()
                .anyMatch(l -> l.contains("New client connected") && l.contains("u'cogos'")));
        String configuration = Files.readString(cogos.home().resolve("etc/org.cogos.mqtt.cfg"));
        assertTrue(configuration, configuration.contains("password = $[secret:" + SECRET_FILE + "]"));
        assertFalse("the password is in the configuration", configuration.contains(password));
        assertFalse("the password is in karaf.log", String.join("\n", cogos.logLines()).contains(password));
        String params = cogos.shell("cog:param mqtt");
        assertFalse("cog:param shows the password: " + params, params.contains(password));
    }

    @Test
    public void scriptedSceneYieldsApproachThenStop() throws Exception {
        try (RobotSimulator robot = new RobotSimulator(mosquitto.uri(), "mosq-robot", "cogos/v1", 1)) {
            robot.connect();
            ScenarioSupport.assertScriptedScene(robot);
        }
    }
}
