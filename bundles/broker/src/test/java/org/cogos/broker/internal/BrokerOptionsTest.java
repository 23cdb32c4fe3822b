package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;

import org.junit.Test;

public class BrokerOptionsTest {

    private static BrokerOptions options(String host, int port, String mqttUri) {
        return new BrokerOptions(true, host, port, RunningBroker.DEFAULT_LIMITS, mqttUri, RunningBroker.OPEN,
                BrokerOptions.Tls.NONE);
    }

    @Test
    public void runsWhenTheMqttClientConnectsToThisBroker() {
        for (String uri : new String[] {"tcp://127.0.0.1:1883", "tcp://localhost:1883", "mqtt://127.0.0.2",
                "tcp://[::1]:1883", "TCP://LOCALHOST:1883", "tcp://127.0.0.1", null, ""}) {
            assertTrue(uri, options("127.0.0.1", 1883, uri).offReason().isEmpty());
        }
        assertTrue("the host the broker listens on", options("10.0.0.5", 1883, "tcp://10.0.0.5:1883")
                .offReason().isEmpty());
    }

    @Test
    public void staysOffWhenTheMqttClientConnectsElsewhere() {
        for (String uri : new String[] {"tcp://10.0.0.7:1883", "tcp://broker.example.org:1883",
                "tcp://127.0.0.1:1884", "ssl://127.0.0.1:1883", "ws://localhost:1883", "tcp://localhost.evil:1883",
                "tcp://127.0.0.1.nip.io:1883"}) {
            String reason = options("127.0.0.1", 1883, uri).offReason().orElse("");
            assertTrue(uri + ": " + reason, reason.contains("external MQTT broker") && reason.contains(uri));
        }
    }

    @Test
    public void staysOffWhenDisabled() {
        BrokerOptions disabled = new BrokerOptions(false, "127.0.0.1", 1883, RunningBroker.DEFAULT_LIMITS, null,
                RunningBroker.OPEN, BrokerOptions.Tls.NONE);
        assertTrue(disabled.offReason().orElse("").contains("enabled=false"));
    }

    @Test
    public void loopbackIsDecidedWithoutNameResolution() {
        assertTrue(BrokerOptions.isLoopback("127.10.0.1"));
        assertTrue(BrokerOptions.isLoopback("[0:0:0:0:0:0:0:1]"));
        assertFalse(BrokerOptions.isLoopback("128.0.0.1"));
        assertFalse(BrokerOptions.isLoopback("[::2]"));
        assertFalse(BrokerOptions.isLoopback("loopback.example"));
    }

    @Test
    public void limitsOnlyChangeKeepsTheListener() {
        BrokerOptions before = options("127.0.0.1", 1883, "tcp://127.0.0.1:1883");
        BrokerOptions after = new BrokerOptions(true, "127.0.0.1", 1883,
                new BrokerLimits(1 << 20, 5, 1 << 20, 10, 0, 0, 5), "tcp://localhost:1883", RunningBroker.OPEN,
                BrokerOptions.Tls.NONE);
        assertTrue(after.sameListener(before));
        assertFalse(options("127.0.0.1", 1884, "tcp://127.0.0.1:1884").sameListener(before));
        assertFalse(options("127.0.0.1", 1883, "tcp://10.1.1.1:1883").sameListener(before));
        assertFalse("who may connect changed", new BrokerOptions(true, "127.0.0.1", 1883, RunningBroker.DEFAULT_LIMITS,
                "tcp://127.0.0.1:1883", new BrokerOptions.Access(false, Path.of("robots.passwd"), "cogos/v1"),
                BrokerOptions.Tls.NONE).sameListener(before));
        assertFalse("the TLS listener changed", new BrokerOptions(true, "127.0.0.1", 1883,
                RunningBroker.DEFAULT_LIMITS, "tcp://127.0.0.1:1883", RunningBroker.OPEN,
                new BrokerOptions.Tls(8883, Path.of("b.crt"), Path.of("b.key"), null, false)).sameListener(before));
    }

    @Test
    public void outOfBoundValuesAreRefusedWithTheirName() {
        expect("org.cogos.broker.port = 0 is outside [1, 65535]", () -> options("127.0.0.1", 0, null));
        expect("org.cogos.broker.tlsPort = 8883 needs tlsCertFile and tlsKeyFile",
                () -> new BrokerOptions.Tls(8883, null, null, null, false));
        expect("org.cogos.broker.tlsRequireCertificate needs tlsCaFile",
                () -> new BrokerOptions.Tls(8883, Path.of("b.crt"), Path.of("b.key"), null, true));
        expect("org.cogos.broker.maxMessageBytes = 100 is outside [1024, 268435456]",
                () -> new BrokerLimits(100, 1, 1 << 20, 1, 0, 0, 1));
        expect("org.cogos.broker.maxQueuedMessagesPerClient = 0 is outside [1, 1000000]",
                () -> new BrokerLimits(1024, 0, 1 << 20, 1, 0, 0, 1));
        expect("org.cogos.broker.maxClients = 0 is outside [1, 100000]",
                () -> new BrokerLimits(1024, 1, 1 << 20, 0, 0, 0, 1));
        expect("org.cogos.broker.connectTimeoutSeconds = 0 is outside [1, 300]",
                () -> new BrokerLimits(1024, 1, 1 << 20, 1, 0, 0, 0));
    }

    private static void expect(String message, Runnable creation) {
        try {
            creation.run();
            fail("accepted: " + message);
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }
}
