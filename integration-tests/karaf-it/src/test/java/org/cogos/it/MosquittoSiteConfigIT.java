package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.cogos.harness.MessageCallback;
import org.cogos.harness.MosquittoBroker;
import org.cogos.harness.Ports;
import org.cogos.harness.TestCertificates;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The shipped Mosquitto site configuration (config/mosquitto/cogos-site.conf and its ACL, as shipped apart from
 * paths, ports and persistence) on Debian's Mosquitto: robots authenticate, stay within their own topics, and reach
 * the broker over TLS only, with a certificate the client checks. Certificates are made with openssl
 * ({@link TestCertificates}), the password file with mosquitto_passwd, as docs/security.md tells a site to.
 */
public class MosquittoSiteConfigIT {

    private static final Path CONFIG = Path.of("../../config/mosquitto").toAbsolutePath().normalize();
    private static final int NOT_AUTHORIZED = 0x87;

    private static Path dir;
    private static MosquittoBroker mosquitto;
    private static int plainPort;
    private static int tlsPort;
    private static SSLContext trusted;
    private static SSLContext untrusted;

    @BeforeClass
    public static void startMosquitto() throws Exception {
        dir = Path.of("target/it/mosquitto-site").toAbsolutePath();
        Files.createDirectories(dir);
        TestCertificates certificates = TestCertificates.make(dir);
        run("mosquitto_passwd", "-c", "-b", "cogos.passwd", "cogos", "service-secret");
        run("mosquitto_passwd", "-b", "cogos.passwd", "robot-a", "secret-a");
        run("mosquitto_passwd", "-b", "cogos.passwd", "robot-b", "secret-b");

        plainPort = Ports.free();
        tlsPort = Ports.free();
        String shipped = Files.readString(CONFIG.resolve("cogos-site.conf"));
        String config = replace(shipped,
                "/etc/mosquitto/cogos.passwd", dir.resolve("cogos.passwd").toString(),
                "/etc/mosquitto/cogos-site.acl", CONFIG.resolve("cogos-site.acl").toString(),
                "/etc/mosquitto/ca_certificates/cogos-ca.crt", certificates.ca().toString(),
                "/etc/mosquitto/certs/cogos-broker.crt", certificates.brokerCertificate().toString(),
                "/etc/mosquitto/certs/cogos-broker.key", certificates.brokerKey().toString(),
                "listener 1883 127.0.0.1", "listener " + plainPort + " 127.0.0.1",
                // Loopback in a test; a site listens on its network.
                "listener 8883", "listener " + tlsPort + " 127.0.0.1",
                // Nothing of a test run is kept.
                "persistence true", "persistence false");
        readableByMosquitto(dir, List.of("cogos.passwd", "ca.crt", "broker.crt", "broker.key"));
        mosquitto = MosquittoBroker.start(dir, plainPort, config);
        Ports.awaitListening(tlsPort, 10_000, null);
        trusted = certificates.sslContext(certificates.ca());
        untrusted = certificates.sslContext(certificates.rogueCa());
    }

    @AfterClass
    public static void stopMosquitto() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static String replace(String text, String... pairs) {
        String result = text;
        for (int i = 0; i < pairs.length; i += 2) {
            assertTrue("the shipped configuration has " + pairs[i], result.contains(pairs[i]));
            result = result.replace(pairs[i], pairs[i + 1]);
        }
        return result;
    }

    /**
     * Run as root, Mosquitto drops to its own user after opening its listeners and only then reads the password
     * file and the key, as on a site: there they belong to that user (docs/security.md).
     */
    private static void readableByMosquitto(Path directory, List<String> files) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(directory, users.lookupPrincipalByName("mosquitto"));
        for (String file : files) {
            Files.setOwner(directory.resolve(file), users.lookupPrincipalByName("mosquitto"));
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(String.join(" ", command) + " did not finish", process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + ": " + output, 0, process.exitValue());
    }

    /** A client and what reaches it. */
    private static final class Client implements MessageCallback, AutoCloseable {
        final MqttAsyncClient mqtt;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        Client(String uri, String user, String password, SSLContext tls) throws MqttException {
            mqtt = new MqttAsyncClient(uri, user + "-" + System.nanoTime(), new MemoryPersistence());
            mqtt.setCallback(this);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setConnectionTimeout(10);
            if (user != null) {
                options.setUserName(user);
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            if (tls != null) {
                options.setSocketFactory(tls.getSocketFactory());
                options.setHttpsHostnameVerificationEnabled(true);
            }
            mqtt.connect(options).waitForCompletion(15_000);
        }

        int publish(String topic) throws MqttException {
            IMqttToken token = mqtt.publish(topic, new MqttMessage(topic.getBytes(StandardCharsets.UTF_8), 1,
                    false, null));
            token.waitForCompletion(10_000);
            return token.getReasonCodes()[0] < 0x80 ? 0 : token.getReasonCodes()[0];
        }

        void subscribe(String filter) throws MqttException {
            mqtt.subscribe(filter, 1).waitForCompletion(10_000);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(topic);
        }

        @Override
        public void close() throws MqttException {
            if (mqtt.isConnected()) {
                mqtt.disconnect().waitForCompletion(5_000);
            }
            mqtt.close();
        }
    }

    private static String tls() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    private static Client cogos() throws MqttException {
        return new Client("tcp://127.0.0.1:" + plainPort, "cogos", "service-secret", null);
    }

    @Test
    public void aRobotOverTlsReachesOnlyItsOwnTopics() throws Exception {
        try (Client cogos = cogos(); Client robotA = new Client(tls(), "robot-a", "secret-a", trusted)) {
            cogos.subscribe("cogos/v1/robots/#");
            robotA.subscribe("cogos/v1/robots/+/actions");
            assertEquals(0, robotA.publish("cogos/v1/robots/robot-a/sensors/lidar"));
            assertEquals(NOT_AUTHORIZED, robotA.publish("cogos/v1/robots/robot-b/sensors/lidar"));
            assertEquals(NOT_AUTHORIZED, robotA.publish("cogos/v1/robots/robot-a/actions"));
            assertEquals(0, robotA.publish("cogos/v1/robots/robot-a/acks"));
            assertEquals("cogos/v1/robots/robot-a/sensors/lidar", cogos.received.poll(10, TimeUnit.SECONDS));
            assertEquals("cogos/v1/robots/robot-a/acks", cogos.received.poll(10, TimeUnit.SECONDS));

            // Mosquitto takes the wildcard subscription and filters what it delivers by the ACL.
            assertEquals(0, cogos.publish("cogos/v1/robots/robot-b/actions"));
            assertEquals(0, cogos.publish("cogos/v1/robots/robot-a/actions"));
            assertEquals("cogos/v1/robots/robot-a/actions", robotA.received.poll(10, TimeUnit.SECONDS));
            assertNull("another robot's action reached robot-a", robotA.received.poll(1, TimeUnit.SECONDS));
        }
    }

    @Test
    public void wrongUnknownAndMissingCredentialsAreRefused() {
        assertRefused("tcp://127.0.0.1:" + plainPort, "robot-a", "wrong", null);
        assertRefused("tcp://127.0.0.1:" + plainPort, "nobody", "secret-a", null);
        assertRefused("tcp://127.0.0.1:" + plainPort, null, null, null);
        assertRefused(tls(), "robot-b", "secret-a", trusted);
    }

    @Test
    public void tlsRefusesAnUntrustedCertificateAndAWrongHostName() throws Exception {
        Throwable untrustedFailure = assertRefused(tls(), "robot-a", "secret-a", untrusted);
        assertTrue("not a handshake failure: " + untrustedFailure,
                causedBy(untrustedFailure, SSLHandshakeException.class));
        // The certificate names 127.0.0.1; reached as localhost, the client refuses it.
        assertRefused("ssl://localhost:" + tlsPort, "robot-a", "secret-a", trusted);
        // Plain MQTT on the TLS port gets nowhere.
        assertRefused("tcp://127.0.0.1:" + tlsPort, "robot-a", "secret-a", null);
        try (Client ok = new Client(tls(), "robot-b", "secret-b", trusted)) {
            assertTrue(ok.mqtt.isConnected());
        }
    }

    private static Throwable assertRefused(String uri, String user, String password, SSLContext tls) {
        try (Client client = new Client(uri, user, password, tls)) {
            fail("connected to " + uri + " as " + user);
            return null;
        } catch (MqttException e) {
            assertNotNull(e);
            return e;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
