package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.Rule;
import org.junit.Test;

/** Sessions that outlive connections: redelivery, expiry, delayed wills, limits, No Local. */
public class SessionLifecycleTest {

    @Rule
    public final RunningBroker broker = new RunningBroker(new BrokerLimits(4 << 20, 10_000, 64L << 20, 3, 60,
            100_000, 10));

    @Test
    public void unacknowledgedQos1IsSentAgainWithDupAndTheSamePacketIdAfterReconnect() throws Exception {
        byte[] persistent = RawClient.sessionExpiry(300);
        int packetId;
        try (RawClient raw = new RawClient(broker.port());
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            raw.send(RawClient.connect5("forgetful", 60, false, persistent, null, null, 0, false, null));
            raw.expect(RawClient.CONNACK);
            raw.send(RawClient.subscribe5(1, "redo/#", 1, 0));
            raw.expect(RawClient.SUBACK);
            publisher.publish("redo/1", "once more", 1, false);
            RawClient.Packet first = raw.expect(RawClient.PUBLISH);
            assertEquals("QoS 1, no DUP", 0x02, first.flags());
            packetId = packetIdOf(first, "redo/1");
        } // closed without PUBACK
        try (RawClient raw = new RawClient(broker.port())) {
            raw.send(RawClient.connect5("forgetful", 60, false, persistent, null, null, 0, false, null));
            RawClient.Packet connack = raw.expect(RawClient.CONNACK);
            assertEquals("session present", 1, connack.body()[0]);
            RawClient.Packet again = raw.expect(RawClient.PUBLISH);
            assertEquals("QoS 1 with DUP", 0x0A, again.flags());
            assertEquals(packetId, packetIdOf(again, "redo/1"));
            assertTrue(new String(again.body(), StandardCharsets.UTF_8).endsWith("once more"));
            raw.send(RawClient.puback(packetId));
            raw.send(RawClient.disconnect5(0));
        }
    }

    @Test
    public void sessionEndsAfterItsExpiryInterval() throws Exception {
        try (PahoClient c = PahoClient.connect(broker.uri(), "brief", o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(1L);
        })) {
            c.subscribe("brief/#", 1);
        }
        try (PahoClient c = PahoClient.connect(broker.uri(), "brief", o -> o.setCleanStart(false))) {
            assertTrue("within the expiry interval", c.connectToken.getSessionPresent());
        }
        Thread.sleep(1500);
        try (PahoClient c = PahoClient.connect(broker.uri(), "brief", o -> o.setCleanStart(false))) {
            assertFalse("expired", c.connectToken.getSessionPresent());
        }
    }

    @Test
    public void delayedWillIsSentAfterTheDelayButNotWhenTheClientComesBackInTime() throws Exception {
        try (PahoClient watcher = PahoClient.connect(broker.uri(), "watcher")) {
            watcher.subscribe("wills/#", 1);
            byte[] persistent = RawClient.sessionExpiry(30);
            try (RawClient raw = new RawClient(broker.port())) {
                raw.send(RawClient.connect5("returning", 60, false, persistent, "wills/returning", "lost", 0,
                        false, RawClient.willDelay(1)));
                raw.expect(RawClient.CONNACK);
            }
            try (RawClient back = new RawClient(broker.port())) {
                back.send(RawClient.connect5("returning", 60, false, persistent, null, null, 0, false, null));
                back.expect(RawClient.CONNACK);
                watcher.assertNothingMore(1500);
            }
            long start = System.nanoTime();
            try (RawClient raw = new RawClient(broker.port())) {
                raw.send(RawClient.connect5("gone", 60, false, persistent, "wills/gone", "lost", 0, false,
                        RawClient.willDelay(1)));
                raw.expect(RawClient.CONNACK);
            }
            assertEquals("wills/gone", watcher.next().topic());
            assertTrue("after the 1 s delay", (System.nanoTime() - start) / 1_000_000 >= 900);
        }
    }

    @Test
    public void queuedMessagesPastTheirExpiryAreNotDelivered() throws Exception {
        try (PahoClient robot = PahoClient.connect(broker.uri(), "sleepy", o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(60L);
        })) {
            robot.subscribe("expiring/#", 1);
        }
        try (PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            publisher.client.publish("expiring/short", message("short", 1));
            publisher.client.publish("expiring/long", message("long", 600));
        }
        Thread.sleep(1500);
        try (PahoClient robot = PahoClient.connect(broker.uri(), "sleepy", o -> o.setCleanStart(false))) {
            PahoClient.Received r = robot.next();
            assertEquals("expiring/long", r.topic());
            long remaining = r.message().getProperties().getMessageExpiryInterval();
            assertTrue("counted down by the time it waited: " + remaining, remaining >= 590 && remaining <= 599);
            robot.assertNothingMore(300);
        }
    }

    private static MqttMessage message(String text, long expirySeconds) {
        MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(expirySeconds);
        m.setProperties(properties);
        return m;
    }

    @Test
    public void sessionsBeyondMaxClientsAreRefusedWithQuotaExceeded() throws Exception {
        try (PahoClient a = PahoClient.connect(broker.uri(), "a");
                PahoClient b = PahoClient.connect(broker.uri(), "b");
                PahoClient c = PahoClient.connect(broker.uri(), "c")) {
            try {
                PahoClient.connect(broker.uri(), "d").close();
                fail("a fourth session was accepted with maxClients 3");
            } catch (MqttException e) {
                assertEquals(0x97, e.getReasonCode());
            }
            // the same id is a takeover, not a new session
            PahoClient.connect(broker.uri(), "c").close();
        }
    }

    @Test
    public void noLocalSubscriptionDoesNotGetItsOwnMessages() throws Exception {
        try (RawClient raw = new RawClient(broker.port());
                PahoClient other = PahoClient.connect(broker.uri(), "other")) {
            raw.send(RawClient.connect5("echoless"));
            raw.expect(RawClient.CONNACK);
            raw.send(RawClient.subscribe5(1, "chat", 0x04 | 1, 0));
            raw.expect(RawClient.SUBACK);
            raw.send(RawClient.publish5("chat", 0, 0, "mine".getBytes(StandardCharsets.UTF_8)));
            other.publish("chat", "theirs", 0, false);
            RawClient.Packet got = raw.expect(RawClient.PUBLISH);
            assertTrue(new String(got.body(), StandardCharsets.UTF_8).endsWith("theirs"));
        }
    }

    /** Packet id of a QoS 1 PUBLISH from the broker: after the topic. */
    private static int packetIdOf(RawClient.Packet publish, String topic) {
        byte[] body = publish.body();
        int at = 2 + topic.length();
        assertEquals(topic, new String(Arrays.copyOfRange(body, 2, at), StandardCharsets.UTF_8));
        return (body[at] & 0xFF) << 8 | body[at + 1] & 0xFF;
    }
}
