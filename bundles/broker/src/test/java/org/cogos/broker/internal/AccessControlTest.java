package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;

/**
 * Robots' accounts and what each may do on the embedded broker, with the real Paho client: every refusal carries
 * its MQTT 5 reason code and is counted.
 */
public class AccessControlTest {

    private static final String SERVICE_PASSWORD = "service-secret";
    private static final TemporaryFolder FOLDER = new TemporaryFolder();
    private static AccountFile accounts;
    private static final RunningBroker BROKER = new RunningBroker(RunningBroker.DEFAULT_LIMITS, null) {
        @Override
        protected void before() throws Throwable {
            accounts = AccountFile.load(FOLDER.getRoot().toPath().resolve("robots.passwd"));
            auth = new BrokerAuth(accounts, false, "cogos", SERVICE_PASSWORD, "cogos/v1");
            super.before();
        }
    };

    @ClassRule
    public static final TestRule CHAIN = RuleChain.outerRule(FOLDER).around(BROKER);

    @Rule
    public final TemporaryFolder scratch = new TemporaryFolder();

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;

    private static int counter;

    /** A robot with a fresh account; its id differs per test, so tests do not share a robot. */
    private static Robot robot() {
        String id = "r" + (++counter);
        return new Robot(id, accounts.add(id));
    }

    private record Robot(String id, String password) {
        String topic(String rest) {
            return "cogos/v1/robots/" + id + "/" + rest;
        }
    }

    private static PahoClient connect(String user, String password) throws MqttException {
        return connect(user, password, options -> { });
    }

    private static PahoClient connect(String user, String password, Consumer<MqttConnectionOptions> more)
            throws MqttException {
        return PahoClient.connect(BROKER.uri(), "client-" + user + "-" + System.nanoTime(), options -> {
            if (user != null) {
                options.setUserName(user);
            }
            if (password != null) {
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            more.accept(options);
        });
    }

    private static PahoClient service() throws MqttException {
        return connect("cogos", SERVICE_PASSWORD);
    }

    private static int refusedConnect(String user, String password) {
        try (PahoClient c = connect(user, password)) {
            fail("connected as " + user);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /**
     * The PUBACK reason code of a QoS 1 PUBLISH: 0 for success (0x10, no subscriber, counts as success), else the
     * refusal. Paho's synchronous client does not report a refusing PUBACK; its asynchronous one's token does.
     */
    private static int publish(MqttAsyncClient client, String topic) throws MqttException {
        IMqttToken token = client.publish(topic, new MqttMessage("x".getBytes(StandardCharsets.UTF_8), 1, false, null));
        token.waitForCompletion(10_000);
        int code = token.getReasonCodes()[0];
        return code < 0x80 ? 0 : code;
    }

    private static MqttAsyncClient asyncRobot(Robot robot) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(BROKER.uri(), "async-" + robot.id(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(robot.id());
        options.setPassword(robot.password().getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static int subscribe(PahoClient client, String filter) {
        try {
            return client.client.subscribe(new MqttSubscription[] { new MqttSubscription(filter, 1) })
                    .getReasonCodes()[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    @Test
    public void aRobotConnectsWithItsOwnPasswordOnly() throws Exception {
        Robot r = robot();
        long before = BROKER.counters().refusedLogins.sum();
        try (PahoClient ok = connect(r.id(), r.password())) {
            assertTrue(ok.client.isConnected());
        }
        assertEquals("wrong password", BAD_USER_NAME_OR_PASSWORD, refusedConnect(r.id(), r.password() + "x"));
        assertEquals("unknown robot", BAD_USER_NAME_OR_PASSWORD, refusedConnect("nobody", r.password()));
        assertEquals("no password", BAD_USER_NAME_OR_PASSWORD, refusedConnect(r.id(), null));
        assertEquals("anonymous", NOT_AUTHORIZED, refusedConnect(null, null));
        assertEquals("service account, wrong password", BAD_USER_NAME_OR_PASSWORD,
                refusedConnect("cogos", r.password()));
        assertEquals(5, BROKER.counters().refusedLogins.sum() - before);
    }

    @Test
    public void aNewPasswordEndsTheOldOne() throws Exception {
        Robot r = robot();
        String fresh = accounts.reset(r.id());
        assertEquals(BAD_USER_NAME_OR_PASSWORD, refusedConnect(r.id(), r.password()));
        try (PahoClient ok = connect(r.id(), fresh)) {
            assertTrue(ok.client.isConnected());
        }
    }

    @Test
    public void aRobotPublishesToItsOwnSensorsAcksAndStatusOnly() throws Exception {
        Robot a = robot();
        Robot b = robot();
        MqttAsyncClient robotA = asyncRobot(a);
        try (PahoClient cogos = service()) {
            cogos.subscribe("cogos/v1/#", 1);
            long before = BROKER.counters().refusedOperations.sum();
            assertEquals(0, publish(robotA, a.topic("sensors/lidar")));
            assertEquals(0, publish(robotA, a.topic("acks")));
            assertEquals(0, publish(robotA, a.topic("status")));
            List<String> refused = List.of(b.topic("sensors/lidar"), b.topic("acks"), b.topic("status"),
                    a.topic("actions"), a.topic("errors"), a.topic("sensors/lidar/extra"), a.topic("sensors/"),
                    "cogos/v1/system/status", "cogos/v1/robots/" + a.id() + "x/sensors/lidar", "elsewhere");
            for (String topic : refused) {
                assertEquals(topic, NOT_AUTHORIZED, publish(robotA, topic));
            }
            // QoS 0 has no reply: dropped and counted all the same.
            robotA.publish(b.topic("sensors/lidar"), "q0".getBytes(StandardCharsets.UTF_8), 0, false)
                    .waitForCompletion(10_000);
            assertEquals(0, publish(robotA, a.topic("sensors/marker")));
            List<String> reached = cogos.until(a.topic("sensors/marker")).stream().map(PahoClient.Received::topic)
                    .toList();
            assertEquals(List.of(a.topic("sensors/lidar"), a.topic("acks"), a.topic("status")), reached);
            assertEquals(refused.size() + 1, BROKER.counters().refusedOperations.sum() - before);
        } finally {
            robotA.disconnect().waitForCompletion(10_000);
            robotA.close();
        }
    }

    @Test
    public void aRobotSubscribesToItsOwnActionsErrorsAndTheSystemStatusOnly() throws Exception {
        Robot a = robot();
        Robot b = robot();
        try (PahoClient robotA = connect(a.id(), a.password()); PahoClient cogos = service()) {
            assertEquals(1, subscribe(robotA, a.topic("actions")));
            assertEquals(1, subscribe(robotA, a.topic("errors")));
            assertEquals(1, subscribe(robotA, "cogos/v1/system/status"));
            for (String filter : List.of(b.topic("actions"), b.topic("errors"), "cogos/v1/robots/+/actions",
                    "cogos/v1/#", "#", a.topic("#"), a.topic("sensors/lidar"), "$share/g/" + a.topic("actions"))) {
                assertEquals(filter, NOT_AUTHORIZED, subscribe(robotA, filter));
            }
            cogos.publish(b.topic("actions"), "for b", 1, false);
            cogos.publish(a.topic("actions"), "for a", 1, false);
            PahoClient.Received first = robotA.next();
            assertEquals("only its own actions reach it", a.topic("actions"), first.topic());
            assertEquals("for a", first.text());
        }
    }

    @Test
    public void aRobotsWillMustBeOnItsOwnStatus() throws Exception {
        Robot a = robot();
        Robot b = robot();
        try (PahoClient ok = connect(a.id(), a.password(),
                options -> options.setWill(a.topic("status"), new MqttMessage("offline".getBytes())))) {
            assertTrue(ok.client.isConnected());
        }
        try (PahoClient refused = connect(a.id(), a.password(),
                options -> options.setWill(b.topic("status"), new MqttMessage("offline".getBytes())))) {
            fail("a will on another robot's status was accepted");
        } catch (MqttException e) {
            assertEquals(NOT_AUTHORIZED, e.getReasonCode());
        }
    }

    @Test
    public void removingAnAccountDisconnectsTheRobotAndKeepsItOut() throws Exception {
        Robot r = robot();
        try (PahoClient connected = connect(r.id(), r.password())) {
            assertTrue(accounts.remove(r.id()));
            BROKER.broker().disconnectUser(r.id());
            MqttDisconnectResponse response = connected.disconnects.poll(10, TimeUnit.SECONDS);
            assertNotNull("not disconnected", response);
            assertEquals(NOT_AUTHORIZED, response.getReturnCode());
        }
        assertEquals(BAD_USER_NAME_OR_PASSWORD, refusedConnect(r.id(), r.password()));
        assertFalse(accounts.remove(r.id()));
    }

    @Test
    public void theAccountFileKeepsOnlyHashesOwnerOnlyAndSurvivesAReload() throws Exception {
        Path file = scratch.getRoot().toPath().resolve("etc/robots.passwd");
        AccountFile first = AccountFile.load(file);
        String password = first.add("arm-1");
        String text = Files.readString(file);
        assertFalse("the password is not stored", text.contains(password));
        assertTrue(text, text.contains("arm-1:$pbkdf2-sha256$"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(AccountFile.load(file).verify("arm-1", password));
        try {
            first.add("arm-1");
            fail("added twice");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("robot:passwd arm-1"));
        }
        try {
            first.add("arm/1");
            fail("an id that is no topic level was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not a valid robot id"));
        }
    }

    @Test
    public void aCorruptLineIsSkippedAndTheOtherRobotsStillConnect() throws IOException {
        Path file = scratch.getRoot().toPath().resolve("robots.passwd");
        AccountFile made = AccountFile.load(file);
        String password = made.add("good");
        Files.writeString(file, "# comment\nbroken line\nbad/id:" + Files.readString(file).split("good:")[1]
                + "good:" + Files.readString(file).split("good:")[1] + "half:$pbkdf2-sha256$1$\n");
        AccountFile loaded = AccountFile.load(file);
        assertEquals(List.of("good"), loaded.robots());
        assertTrue(loaded.verify("good", password));
    }
}
