package org.cogos.harness;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

public class PortsTest {

    /**
     * Regression: ports came from the ephemeral range (bind port 0), where an outgoing connection, or the probe
     * waiting for the server connecting to itself, could hold the port when Karaf's SSH server bound it; the bind
     * failed and the start timed out after two minutes (MqttHotSwapIT, fresh-clone CI of 7aaa0df).
     */
    @Test
    public void regressionSshPortTakenByAnEphemeralSocket() {
        int ephemeral = Ports.ephemeralRangeStart();
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertTrue(port + " is in the ephemeral range from " + ephemeral, port < ephemeral);
            assertTrue("given twice: " + port, given.add(port));
            assertFalse("something listens on " + port, Ports.listening(port));
        }
    }
}
