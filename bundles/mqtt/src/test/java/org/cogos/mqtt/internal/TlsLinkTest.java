package org.cogos.mqtt.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.Ports;
import org.cogos.harness.TestCertificates;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * cogos's client to a broker over TLS (Debian's Mosquitto with a TLS listener): it connects when its trust store
 * holds the broker's CA and the certificate names the host it dialled, and not otherwise.
 */
public class TlsLinkTest {

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static TestCertificates certificates;
    private static MosquittoBroker mosquitto;
    private static int tlsPort;

    @BeforeClass
    public static void startTlsBroker() throws Exception {
        Path dir = FOLDER.newFolder("tls").toPath();
        certificates = TestCertificates.make(dir.resolve("certs"));
        // Mosquitto run as root reads the key after switching to its own user.
        Path[] readable = { FOLDER.getRoot().toPath(), dir, dir.resolve("certs"), certificates.brokerKey() };
        for (Path file : readable) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                    Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        tlsPort = Ports.free();
        mosquitto = MosquittoBroker.start(dir, tlsPort, String.join("\n",
                "listener " + tlsPort + " 127.0.0.1", "allow_anonymous true", "persistence false",
                "set_tcp_nodelay true", "cafile " + certificates.ca(), "certfile " + certificates.brokerCertificate(),
                "keyfile " + certificates.brokerKey(), "tls_version tlsv1.2", ""));
    }

    @AfterClass
    public static void stopTlsBroker() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static MqttOptions options(String host, Path trustStore, boolean hostnameVerification) {
        Map<String, Object> parameters = new HashMap<>(Map.of("uri", "ssl://" + host + ":" + tlsPort,
                "clientId", "cogos-tls-" + System.nanoTime(), "reconnectMaxDelayMs", 200,
                "trustStorePassword", "store-secret", "hostnameVerification", hostnameVerification));
        parameters.put("trustStore", trustStore.toString());
        return MqttOptions.of(parameters);
    }

    @Test
    public void connectsWithTheBrokersCaInItsTrustStore() throws Exception {
        Path trust = certificates.trustStore(certificates.ca(), "trust.p12", "store-secret");
        assertConnects(options("127.0.0.1", trust, true));
    }

    @Test
    public void refusesABrokerItsTrustStoreDoesNotVouchFor() throws Exception {
        Path rogue = certificates.trustStore(certificates.rogueCa(), "rogue.p12", "store-secret");
        assertNeverConnects(options("127.0.0.1", rogue, true));
    }

    @Test
    public void refusesACertificateThatDoesNotNameTheHostItDialled() throws Exception {
        Path trust = certificates.trustStore(certificates.ca(), "trust-host.p12", "store-secret");
        // The certificate names 127.0.0.1 only.
        assertNeverConnects(options("localhost", trust, true));
        // Without the check, the same certificate passes.
        assertConnects(options("localhost", trust, false));
    }

    @Test
    public void aTrustStoreThatCannotBeReadIsAClearConfigurationError() throws Exception {
        Path trust = certificates.trustStore(certificates.ca(), "trust-pw.p12", "store-secret");
        Map<String, Object> wrongPassword = Map.of("uri", "ssl://127.0.0.1:" + tlsPort, "trustStore",
                trust.toString(), "trustStorePassword", "not-it");
        try {
            new BrokerLink(MqttOptions.of(wrongPassword)).close();
            fail("a trust store with the wrong password was taken");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("org.cogos.mqtt.trustStore = " + trust));
        }
        try {
            MqttOptions.of(Map.of("uri", "ssl://127.0.0.1:" + tlsPort, "trustStore", "/nonexistent/trust.p12"));
            fail("a missing trust store was taken");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is not a readable file"));
        }
    }

    private static void assertConnects(MqttOptions options) {
        BrokerLink link = new BrokerLink(options);
        try {
            await("connected over TLS to " + options.uri()).atMost(15, SECONDS).until(link::isConnected);
        } finally {
            link.close();
        }
    }

    private static void assertNeverConnects(MqttOptions options) throws InterruptedException {
        BrokerLink link = new BrokerLink(options);
        try {
            // Several attempts (1 s apart): none may get through.
            Thread.sleep(4_000);
            assertFalse("connected over TLS it should have refused", link.isConnected());
        } finally {
            link.close();
        }
    }
}
