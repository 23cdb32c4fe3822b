package org.cogos.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;

import org.cogos.harness.CogosInstance;
import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.Ports;
import org.cogos.robotsim.RobotSimulator;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The distribution pointed at an external Mosquitto (Debian's), as a production site runs it. */
public class MosquittoEndToEndIT {

    private static MosquittoBroker mosquitto;
    private static CogosInstance cogos;
    private static int embeddedPort;

    @BeforeClass
    public static void start() throws Exception {
        mosquitto = MosquittoBroker.start(Path.of("target", "e2e", "mosquitto"));
        cogos = ScenarioSupport.unpack("with-mosquitto");
        embeddedPort = Integer.parseInt(cogos.mqttUri().replaceAll(".*:", ""));
        cogos.useExternalBroker(mosquitto.uri());
        cogos.start(120_000);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (cogos != null) {
            cogos.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    public void embeddedBrokerStaysOffWhenAnExternalOneIsConfigured() throws Exception {
        assertFalse("embedded broker must not listen on " + embeddedPort, Ports.listening(embeddedPort));
        String log = cogos.logTail(400);
        assertTrue(log, log.contains("external"));
    }

    @Test
    public void scriptedSceneYieldsApproachThenStop() throws Exception {
        try (RobotSimulator robot = new RobotSimulator(mosquitto.uri(), "mosq-robot", "cogos/v1", 1)) {
            robot.connect();
            ScenarioSupport.assertScriptedScene(robot);
        }
    }
}
