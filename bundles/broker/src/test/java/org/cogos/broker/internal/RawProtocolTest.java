package org.cogos.broker.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.Rule;
import org.junit.Test;

/** Clients that misbehave or die, written byte by byte; Paho clients beside them must not notice. */
public class RawProtocolTest {

    @Rule
    public final RunningBroker broker = new RunningBroker(
            new BrokerLimits(1024, 10_000, 64L << 20, 1000, 86_400, 100_000, 1));

    @Test
    public void subscriptionIdentifierIsEchoedInForwardedPublish() throws Exception {
        try (RawClient raw = new RawClient(broker.port());
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            raw.send(RawClient.connect5("raw"));
            raw.expect(RawClient.CONNACK);
            raw.send(RawClient.subscribe5(1, "ids/#", 1, 7));
            raw.expect(RawClient.SUBACK);
            publisher.publish("ids/x", "hello", 0, false);
            RawClient.Packet publish = raw.expect(RawClient.PUBLISH);
            byte[] body = publish.body();
            // topic "ids/x" (2 + 5 bytes), properties length 2: Subscription Identifier (0x0B) 7, then payload
            assertArrayEquals(new byte[] {2, 0x0B, 7}, Arrays.copyOfRange(body, 7, 10));
            assertEquals("hello", new String(body, 10, body.length - 10, StandardCharsets.UTF_8));
        }
    }

    @Test
    public void willIsPublishedWhenTheConnectionDiesWithoutDisconnect() throws Exception {
        try (PahoClient watcher = PahoClient.connect(broker.uri(), "watcher")) {
            watcher.subscribe("robots/+/status", 1);
            try (RawClient robot = new RawClient(broker.port())) {
                robot.send(RawClient.connect5("r1", 60, new byte[0], "robots/r1/status", "offline", 1, true));
                robot.expect(RawClient.CONNACK);
            } // TCP close, no DISCONNECT
            PahoClient.Received will = watcher.next();
            assertEquals("robots/r1/status", will.topic());
            assertEquals("offline", will.text());
        }
        try (PahoClient late = PahoClient.connect(broker.uri(), "late")) {
            late.subscribe("robots/+/status", 1);
            PahoClient.Received retained = late.next();
            assertEquals("the will was retained", "offline", retained.text());
            assertTrue(retained.message().isRetained());
        }
    }

    @Test
    public void normalDisconnectDiscardsTheWillAndDisconnectWithWillPublishesIt() throws Exception {
        try (PahoClient watcher = PahoClient.connect(broker.uri(), "watcher")) {
            watcher.subscribe("wills/#", 1);
            try (RawClient polite = new RawClient(broker.port())) {
                polite.send(RawClient.connect5("polite", 60, new byte[0], "wills/polite", "gone", 0, false));
                polite.expect(RawClient.CONNACK);
                polite.send(RawClient.disconnect5(0x00));
                assertTrue(polite.closedByBroker());
            }
            try (RawClient leaving = new RawClient(broker.port())) {
                leaving.send(RawClient.connect5("leaving", 60, new byte[0], "wills/leaving", "bye", 0, false));
                leaving.expect(RawClient.CONNACK);
                leaving.send(RawClient.disconnect5(0x04));
                assertTrue(leaving.closedByBroker());
            }
            assertEquals("only the 0x04 disconnect sends its will", "wills/leaving", watcher.next().topic());
            watcher.assertNothingMore(300);
        }
    }

    @Test
    public void silentClientIsDisconnectedAfterOneAndAHalfKeepAlivesAndItsWillSent() throws Exception {
        try (PahoClient watcher = PahoClient.connect(broker.uri(), "watcher");
                RawClient silent = new RawClient(broker.port())) {
            watcher.subscribe("wills/#", 1);
            long start = System.nanoTime();
            silent.send(RawClient.connect5("silent", 1, new byte[0], "wills/silent", "timeout", 0, false));
            silent.expect(RawClient.CONNACK);
            RawClient.Packet disconnect = silent.expect(RawClient.DISCONNECT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("keep alive timeout", 0x8D, disconnect.reasonCodeOfDisconnect());
            assertTrue("after 1.5 s, not long after: " + millis, millis >= 1400 && millis < 4000);
            assertEquals("timeout", watcher.next().text());
        }
    }

    @Test
    public void oversizePublishDisconnectsOnlyThatClient() throws Exception {
        try (PahoClient subscriber = PahoClient.connect(broker.uri(), "sub");
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub");
                RawClient big = new RawClient(broker.port())) {
            subscriber.subscribe("big/#", 1);
            big.send(RawClient.connect5("big"));
            big.expect(RawClient.CONNACK);
            big.send(RawClient.publish5("big/image", 1, 1, new byte[2000]));
            RawClient.Packet disconnect = big.expect(RawClient.DISCONNECT);
            assertEquals("packet too large", 0x95, disconnect.reasonCodeOfDisconnect());
            assertTrue(big.closedByBroker());

            publisher.publish("big/ok", "small", 1, false);
            PahoClient.Received r = subscriber.next();
            assertEquals("big/ok", r.topic());
            subscriber.assertNothingMore(200);
            assertTrue(subscriber.client.isConnected() && publisher.client.isConnected());
        }
        assertEquals(1, broker.counters().packetsTooLarge.sum());
        assertEquals(1, broker.counters().protocolErrors.sum());
    }

    @Test
    public void pahoClientSendingAnOversizePublishIsToldWhyAndOthersCarryOn() throws Exception {
        try (PahoClient subscriber = PahoClient.connect(broker.uri(), "sub");
                PahoClient big = PahoClient.connect(broker.uri(), "big")) {
            subscriber.subscribe("big/#", 1);
            try {
                // Paho 1.2.5 does not enforce the Maximum Packet Size the broker advertised: it sends.
                big.client.publish("big/image", new byte[2000], 1, false);
                throw new AssertionError("oversize publish accepted");
            } catch (MqttException e) {
                MqttDisconnectResponse response = big.disconnects.poll(5, TimeUnit.SECONDS);
                assertEquals(0x95, response.getReturnCode());
                assertTrue(response.getReasonString().contains("exceeds maxMessageBytes 1024"));
            }
            big.client.connect();
            big.publish("big/ok", "small", 1, false);
            assertEquals("small", subscriber.next().text());
        }
    }

    @Test
    public void malformedPacketsCloseOnlyTheirOwnConnection() throws Exception {
        try (PahoClient subscriber = PahoClient.connect(broker.uri(), "sub");
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            subscriber.subscribe("ok/#", 1);

            try (RawClient http = new RawClient(broker.port())) {
                http.send(("GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1\r\n"
                        + "Accept: */*\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertTrue("not MQTT: closed", http.closedByBroker());
            }
            try (RawClient reserved = new RawClient(broker.port())) {
                reserved.send(RawClient.connect5("reserved-type"));
                reserved.expect(RawClient.CONNACK);
                reserved.send(new byte[] {0x00, 0x00});
                assertEquals("malformed", 0x81, reserved.expect(RawClient.DISCONNECT).reasonCodeOfDisconnect());
                assertTrue(reserved.closedByBroker());
            }
            try (RawClient badUtf8 = new RawClient(broker.port())) {
                badUtf8.send(RawClient.connect5("bad-utf8"));
                badUtf8.expect(RawClient.CONNACK);
                badUtf8.send(RawClient.publish5(new byte[] {0, 3, 'o', 'k', (byte) 0xC3}, 0, 0, new byte[] {1}));
                assertEquals(0x81, badUtf8.expect(RawClient.DISCONNECT).reasonCodeOfDisconnect());
            }
            try (RawClient wildcard = new RawClient(broker.port())) {
                wildcard.send(RawClient.connect5("wildcard-publisher"));
                wildcard.expect(RawClient.CONNACK);
                wildcard.send(RawClient.publish5("ok/#", 0, 0, new byte[] {1}));
                assertEquals(0x81, wildcard.expect(RawClient.DISCONNECT).reasonCodeOfDisconnect());
                assertTrue(wildcard.closedByBroker());
            }
            try (RawClient truncated = new RawClient(broker.port())) {
                truncated.send(RawClient.connect5("truncated"));
                truncated.expect(RawClient.CONNACK);
                // remaining length says 10, the topic length inside says 200
                truncated.send(new byte[] {0x30, 10, 0, (byte) 200, 'o', 'k', '/', 'x', 1, 2, 3, 4});
                assertTrue(truncated.closedByBroker());
            }

            publisher.publish("ok/after", "fine", 1, false);
            assertEquals("fine", subscriber.next().text());
            subscriber.assertNothingMore(200);
        }
        assertEquals(5, broker.counters().protocolErrors.sum());
        assertEquals(0, broker.counters().messagesDropped.sum());
    }

    @Test
    public void emptyTopicNameIsAProtocolError() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.send(RawClient.connect5("empty-topic"));
            raw.expect(RawClient.CONNACK);
            raw.send(RawClient.publish5("", 1, 1, new byte[] {1}));
            assertEquals(0x82, raw.expect(RawClient.DISCONNECT).reasonCodeOfDisconnect());
        }
    }

    @Test
    public void qos2PublishIsRefusedForMqtt5() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.send(RawClient.connect5("qos2"));
            RawClient.Packet connack = raw.expect(RawClient.CONNACK);
            assertEquals("accepted", 0, connack.body()[1]);
            raw.send(RawClient.publish5("q/2", 2, 1, new byte[] {1}));
            assertEquals("QoS not supported", 0x9B, raw.expect(RawClient.DISCONNECT).reasonCodeOfDisconnect());
        }
    }

    @Test
    public void outgoingQos1RespectsTheClientsReceiveMaximum() throws Exception {
        try (RawClient raw = new RawClient(broker.port());
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            raw.send(RawClient.connect5("narrow", 60, RawClient.receiveMaximum(2), null, null, 0, false));
            raw.expect(RawClient.CONNACK);
            raw.send(RawClient.subscribe5(1, "rm/#", 1, 0));
            raw.expect(RawClient.SUBACK);
            for (int i = 0; i < 4; i++) {
                publisher.publish("rm/x", "m" + i, 1, false);
            }
            RawClient.Packet first = raw.expect(RawClient.PUBLISH);
            raw.expect(RawClient.PUBLISH);
            raw.setTimeoutMillis(500);
            try {
                raw.read();
                throw new AssertionError("a third PUBLISH arrived before any PUBACK");
            } catch (SocketTimeoutException expected) {
                // two in flight: the broker waits
            }
            raw.setTimeoutMillis(5000);
            int firstId = (first.body()[6] & 0xFF) << 8 | first.body()[7] & 0xFF;
            raw.send(RawClient.puback(firstId));
            RawClient.Packet third = raw.expect(RawClient.PUBLISH);
            assertTrue(new String(third.body(), StandardCharsets.UTF_8).endsWith("m2"));
        }
    }

    @Test
    public void invalidTopicFiltersAreRefusedInSuback() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.send(RawClient.connect5("filters"));
            raw.expect(RawClient.CONNACK);
            for (String filter : new String[] {"a/#/b", "a+", "$share/g", "$share//x", "$share/g+/x"}) {
                raw.send(RawClient.subscribe5(2, filter, 1, 0));
                RawClient.Packet suback = raw.expect(RawClient.SUBACK);
                // packet id (2), properties length (1), one reason code
                assertEquals(filter, 0x8F, suback.body()[3] & 0xFF);
            }
            raw.send(RawClient.subscribe5(3, "$share/g/a/+/c", 2, 0));
            assertEquals("QoS 2 requested, 1 granted", 1, raw.expect(RawClient.SUBACK).body()[3]);
        }
    }

    @Test
    public void connectionWithoutConnectIsClosedAfterTheConnectTimeout() throws Exception {
        try (RawClient idle = new RawClient(broker.port())) {
            long start = System.nanoTime();
            assertTrue(idle.closedByBroker());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue("connectTimeoutSeconds is 1 here: " + millis, millis >= 900 && millis < 3000);
        }
    }

    @Test
    public void connectionsThatDoNotStartWithConnectAreClosed() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.send(RawClient.publish5("x", 0, 0, new byte[] {1}));
            assertTrue(raw.closedByBroker());
        }
        try (RawClient raw = new RawClient(broker.port())) {
            // protocol level 6 does not exist: CONNACK 0x01 (unacceptable protocol version), then close
            byte[] connect = RawClient.connect5("future");
            connect[8] = 6;
            raw.send(connect);
            RawClient.Packet connack = raw.expect(RawClient.CONNACK);
            assertEquals(1, connack.body()[1]);
            assertTrue(raw.closedByBroker());
        }
        assertFalse(broker.counters().protocolErrors.sum() < 2);
    }
}
