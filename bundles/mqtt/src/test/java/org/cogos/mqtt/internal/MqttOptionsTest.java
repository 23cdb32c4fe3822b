package org.cogos.mqtt.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.junit.Test;

public class MqttOptionsTest {

    @Test
    public void defaultsAreTheDocumentedOnes() {
        MqttOptions options = MqttOptions.of(Map.of());
        assertEquals("tcp://127.0.0.1:1883", options.uri());
        assertEquals("cogos", options.clientId());
        assertEquals("cogos/v1", options.topicPrefix());
        assertEquals(1000, options.maxInflight());
        assertEquals(1024 * 1024, options.maxPayloadBytes());
        assertEquals(5000, options.ackTimeoutMs());
        assertTrue(options.outboxDir().endsWith("cogos/outbox"));
    }

    @Test
    public void boundsAreEnforcedWithTheParameterNamed() {
        assertRefused(Map.of("maxInflight", 9), "org.cogos.mqtt.maxInflight = 9 is outside [10, 65535]");
        assertRefused(Map.of("maxInflight", 65536), "org.cogos.mqtt.maxInflight = 65536 is outside [10, 65535]");
        assertRefused(Map.of("ackTimeoutMs", 99), "org.cogos.mqtt.ackTimeoutMs = 99 is outside [100, 3600000]");
        assertRefused(Map.of("maxPayloadBytes", 10), "maxPayloadBytes");
        assertRefused(Map.of("uri", "http://host"), "uri is not a broker URI");
        assertRefused(Map.of("topicPrefix", "cogos/+/v1"), "topicPrefix");
        assertRefused(Map.of("topicPrefix", "cogos/v1/"), "topicPrefix");
        assertRefused(Map.of("clientId", "two words"), "clientId");
        assertRefused(Map.of("maxInflights", 100), "unknown parameter");
        assertEquals(10, MqttOptions.of(Map.of("maxInflight", 10)).maxInflight());
    }

    private static void assertRefused(Map<String, Object> parameters, String message) {
        try {
            MqttOptions.of(parameters);
            fail("accepted " + parameters);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(message));
        }
    }

    @Test
    public void outboxDirectoryFollowsKarafData() {
        String previous = System.getProperty("karaf.data");
        System.setProperty("karaf.data", "/opt/cogos/data");
        try {
            assertEquals("/opt/cogos/data/cogos/outbox", MqttOptions.of(Map.of()).outboxDir().toString());
            assertEquals("/var/spool/outbox",
                    MqttOptions.of(Map.of("outboxDir", "/var/spool/outbox")).outboxDir().toString());
        } finally {
            if (previous == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", previous);
            }
        }
    }
}
