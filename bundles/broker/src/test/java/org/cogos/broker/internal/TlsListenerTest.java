package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import org.cogos.harness.Ports;
import org.cogos.harness.TestCertificates;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The TLS listener with the real Paho client and certificates made by openssl: a robot logs in with its password
 * over TLS, or with a client certificate whose CN is its id; an untrusted broker or client certificate ends the
 * handshake; a certificate for a robot without an account, or a user name other than its CN, is refused.
 */
public class TlsListenerTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static final String STORE_PASSWORD = "robot-store";
    private static TestCertificates certificates;
    private static AccountFile accounts;
    private static MqttBroker broker;
    private static String tlsUri;

    @BeforeClass
    public static void start() throws Exception {
        Path dir = TMP.getRoot().toPath();
        certificates = TestCertificates.make(dir.resolve("certs"));
        accounts = AccountFile.load(dir.resolve("robots.passwd"));
        broker = new MqttBroker();
        broker.start("127.0.0.1", 0, RunningBroker.DEFAULT_LIMITS,
                new BrokerAuth(accounts, false, "cogos", "service-secret", "cogos/v1"),
                new BrokerOptions.Tls(Ports.free(), certificates.brokerCertificate(), certificates.brokerKey(),
                        certificates.ca(), false));
        tlsUri = "ssl://127.0.0.1:" + broker.tlsAddress().getPort();
    }

    @AfterClass
    public static void stop() {
        broker.stop();
    }

    private static PahoClient connect(SSLContext tls, String user, String password) throws MqttException {
        return connect(tlsUri, tls, user, password);
    }

    private static PahoClient connect(String uri, SSLContext tls, String user, String password)
            throws MqttException {
        return PahoClient.connect(uri, "tls-" + System.nanoTime(), options -> {
            options.setSocketFactory(tls.getSocketFactory());
            if (user != null) {
                options.setUserName(user);
            }
            if (password != null) {
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private static int refusal(SSLContext tls, String user, String password) {
        try (PahoClient c = connect(tls, user, password)) {
            fail("connected");
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static SSLContext withCertificate(String robot, String ca) throws IOException, InterruptedException {
        return certificates.sslContext(certificates.ca(), certificates.robotKeyStore(robot, ca, STORE_PASSWORD),
                STORE_PASSWORD);
    }

    @Test
    public void aRobotLogsInWithItsPasswordOverTls() throws Exception {
        String password = accounts.add("tls-pw");
        try (PahoClient robot = connect(certificates.sslContext(certificates.ca()), "tls-pw", password)) {
            robot.publish("cogos/v1/robots/tls-pw/sensors/lidar", "{}", 1, false);
        }
        assertEquals(0x86, refusal(certificates.sslContext(certificates.ca()), "tls-pw", password + "x"));
    }

    @Test
    public void aRobotWithACertificateIsTheRobotItsCnNamesWithoutAPassword() throws Exception {
        accounts.add("tls-cert");
        try (PahoClient robot = connect(withCertificate("tls-cert", "ca"), null, null)) {
            robot.publish("cogos/v1/robots/tls-cert/sensors/lidar", "{}", 1, false);
            int code = robot.client.subscribe(new MqttSubscription[] {
                new MqttSubscription("cogos/v1/robots/other/actions", 1) }).getReasonCodes()[0];
            assertEquals("its rights are the robot's", 0x87, code);
        }
        assertEquals("a user name other than its CN", 0x87, refusal(withCertificate("tls-cert", "ca"), "other", null));
    }

    @Test
    public void aCertificateForARobotWithoutAnAccountIsRefused() throws Exception {
        assertEquals(0x87, refusal(withCertificate("tls-nobody", "ca"), null, null));
    }

    /**
     * The JDK's client offers only a certificate of a CA the broker names in its request; one of another CA is not
     * shown, so it identifies nobody and the client is refused as one without a user name.
     */
    @Test
    public void aClientCertificateOfAnotherCaIdentifiesNobody() throws Exception {
        accounts.add("tls-rogue");
        assertEquals(0x87, refusal(withCertificate("tls-rogue", "rogue"), null, null));
    }

    @Test
    public void withACertificateRequiredAClientWithoutOneEndsTheHandshake() throws Exception {
        accounts.add("tls-required");
        MqttBroker strict = new MqttBroker();
        strict.start("127.0.0.1", 0, RunningBroker.DEFAULT_LIMITS,
                new BrokerAuth(accounts, false, "cogos", "service-secret", "cogos/v1"),
                new BrokerOptions.Tls(Ports.free(), certificates.brokerCertificate(), certificates.brokerKey(),
                        certificates.ca(), true));
        String uri = "ssl://127.0.0.1:" + strict.tlsAddress().getPort();
        try {
            assertNotNull(handshakeFailure(uri, certificates.sslContext(certificates.ca())));
            try (PahoClient robot = connect(uri, withCertificate("tls-required", "ca"), null, null)) {
                robot.publish("cogos/v1/robots/tls-required/status", "online", 1, false);
            }
        } finally {
            strict.stop();
        }
    }

    @Test
    public void aClientThatDoesNotTrustTheBrokersCaEndsTheHandshake() throws Exception {
        assertNotNull(handshakeFailure(tlsUri, certificates.sslContext(certificates.rogueCa())));
    }

    private static MqttException handshakeFailure(String uri, SSLContext tls) {
        try (PahoClient c = connect(uri, tls, null, null)) {
            fail("the TLS handshake succeeded");
            return null;
        } catch (MqttException e) {
            boolean transport = false;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                transport |= cause instanceof IOException; // SSLException among them; not a CONNACK refusal
            }
            assertTrue("a TLS failure, not an MQTT refusal: " + e, transport);
            return e;
        }
    }
}
