package org.cogos.broker.internal;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.Rule;
import org.junit.Test;

/** The broker core against the real Paho MQTT 5 client. */
public class PahoPubSubTest {

    @Rule
    public final RunningBroker broker = new RunningBroker(
            new BrokerLimits(4 << 20, 100, 64L << 20, 1000, 86_400, 100_000, 10));

    @Test
    public void qos1MessagesArriveOnceEachAndInPublishOrder() throws Exception {
        int count = 5000;
        MqttAsyncClient publisher = new MqttAsyncClient(broker.uri(), "pub", new MemoryPersistence());
        try (PahoClient subscriber = PahoClient.connect(broker.uri(), "sub")) {
            subscriber.subscribe("order/#", 1);
            publisher.connect(new MqttConnectionOptions()).waitForCompletion(5000);
            // Pipelined: up to 50 PUBLISH packets in flight, so ordering is not just one-at-a-time.
            ArrayDeque<IMqttToken> inFlight = new ArrayDeque<>();
            for (int i = 0; i < count; i++) {
                if (inFlight.size() == 50) {
                    inFlight.poll().waitForCompletion(5000);
                }
                inFlight.add(publisher.publish("order/seq",
                        Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false));
            }
            for (IMqttToken token : inFlight) {
                token.waitForCompletion(5000);
            }
            for (int i = 0; i < count; i++) {
                PahoClient.Received r = subscriber.next();
                assertEquals("message " + i, Integer.toString(i), r.text());
                assertEquals(1, r.message().getQos());
            }
            subscriber.assertNothingMore(300);
        } finally {
            publisher.disconnect().waitForCompletion(5000);
            publisher.close();
        }
        assertEquals(count, broker.counters().messagesReceived.sum());
        assertEquals(count, broker.counters().messagesSent.sum());
    }

    @Test
    public void wildcardsMatchWholeLevelsAndSkipDollarTopics() throws Exception {
        try (PahoClient plus = PahoClient.connect(broker.uri(), "plus");
                PahoClient hash = PahoClient.connect(broker.uri(), "hash");
                PahoClient all = PahoClient.connect(broker.uri(), "all");
                PahoClient sys = PahoClient.connect(broker.uri(), "sys");
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            plus.subscribe("a/+/c", 1);
            hash.subscribe("a/#", 1);
            all.subscribe("#", 1);
            all.subscribe("+/x", 1);
            sys.subscribe("$SYS/#", 1);
            for (PahoClient c : List.of(plus, hash, sys)) {
                c.subscribe("end", 1);
            }
            for (String topic : List.of("a/b/c", "a/b/d", "a", "a/b/c/d", "$SYS/x", "q/x", "end")) {
                publisher.publish(topic, topic, 1, false);
            }
            assertEquals(List.of("a/b/c"), topics(plus.until("end")));
            assertEquals(List.of("a/b/c", "a/b/d", "a", "a/b/c/d"), topics(hash.until("end")));
            // "q/x" matches "#" and "+/x": one copy. "$SYS/x" is matched by neither wildcard.
            assertEquals(List.of("a/b/c", "a/b/d", "a", "a/b/c/d", "q/x"), topics(all.until("end")));
            assertEquals(List.of("$SYS/x"), topics(sys.until("end")));
        }
    }

    @Test
    public void retainedMessagesAreDeliveredOnSubscribeAndClearedByAnEmptyPayload() throws Exception {
        try (PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            publisher.publish("robots/r1/status", "online", 1, true);
            publisher.publish("robots/r2/status", "charging", 1, true);
            try (PahoClient first = PahoClient.connect(broker.uri(), "first")) {
                first.subscribe("robots/+/status", 1);
                Set<String> got = new HashSet<>();
                for (int i = 0; i < 2; i++) {
                    PahoClient.Received r = first.next();
                    assertTrue("retain flag on delivery at subscribe", r.message().isRetained());
                    got.add(r.topic() + "=" + r.text());
                }
                assertEquals(Set.of("robots/r1/status=online", "robots/r2/status=charging"), got);

                publisher.client.publish("robots/r1/status", new byte[0], 1, true);
                PahoClient.Received cleared = first.next();
                assertEquals(0, cleared.message().getPayload().length);
                assertFalse("live delivery carries no retain flag", cleared.message().isRetained());
            }
            try (PahoClient second = PahoClient.connect(broker.uri(), "second")) {
                second.subscribe("robots/+/status", 1);
                PahoClient.Received r = second.next();
                assertEquals("robots/r2/status", r.topic());
                second.assertNothingMore(300);
            }
        }
    }

    @Test
    public void sharedSubscriptionGivesEachMessageToOneMember() throws Exception {
        int count = 1000;
        try (PahoClient a = PahoClient.connect(broker.uri(), "worker-a");
                PahoClient b = PahoClient.connect(broker.uri(), "worker-b");
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            a.subscribe("$share/workers/jobs/#", 1);
            b.subscribe("$share/workers/jobs/#", 1);
            for (int i = 0; i < count; i++) {
                publisher.publish("jobs/" + (i % 3), Integer.toString(i), 1, false);
            }
            List<Integer> seenByA = new ArrayList<>();
            List<Integer> seenByB = new ArrayList<>();
            await().atMost(20, SECONDS).pollInSameThread().pollInterval(1, MILLISECONDS).untilAsserted(() -> {
                drain(a, seenByA);
                drain(b, seenByB);
                assertTrue("messages received: " + seenByA.size() + " + " + seenByB.size() + " of " + count,
                        seenByA.size() + seenByB.size() >= count);
            });
            Set<Integer> union = new HashSet<>(seenByA);
            union.addAll(seenByB);
            assertEquals("no message lost or duplicated", count, seenByA.size() + seenByB.size());
            assertEquals(count, union.size());
            assertTrue("both members get work: " + seenByA.size() + "/" + seenByB.size(),
                    seenByA.size() > count / 4 && seenByB.size() > count / 4);
            assertTrue("each member sees its share in publish order", isAscending(seenByA) && isAscending(seenByB));
        }
    }

    @Test
    public void persistentSessionReceivesWhatWasPublishedWhileOffline() throws Exception {
        try (PahoClient robot = PahoClient.connect(broker.uri(), "robot-7", options -> {
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
        })) {
            robot.subscribe("robots/robot-7/actions", 1);
        }
        try (PahoClient publisher = PahoClient.connect(broker.uri(), "coordinator")) {
            for (int i = 0; i < 50; i++) {
                publisher.publish("robots/robot-7/actions", "action-" + i, 1, false);
            }
        }
        try (PahoClient robot = PahoClient.connect(broker.uri(), "robot-7", options -> {
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
        })) {
            assertTrue("session present", robot.connectToken.getSessionPresent());
            for (int i = 0; i < 50; i++) {
                assertEquals("action-" + i, robot.next().text());
            }
            robot.assertNothingMore(300);
        }
    }

    @Test
    public void fullQueueDropsTheNewestMessagesAndCountsThem() throws Exception {
        // maxQueuedMessagesPerClient is 100 in this test class
        try (PahoClient robot = PahoClient.connect(broker.uri(), "slow", options -> {
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
        })) {
            robot.subscribe("flood", 1);
        }
        try (PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            for (int i = 0; i < 150; i++) {
                publisher.publish("flood", Integer.toString(i), 1, false);
            }
        }
        assertEquals(50, broker.counters().messagesDropped.sum());
        try (PahoClient robot = PahoClient.connect(broker.uri(), "slow", options -> options.setCleanStart(false))) {
            for (int i = 0; i < 100; i++) {
                assertEquals(Integer.toString(i), robot.next().text());
            }
            robot.assertNothingMore(300);
        }
    }

    @Test
    public void publishPropertiesPassThroughUnaltered() throws Exception {
        try (PahoClient subscriber = PahoClient.connect(broker.uri(), "sub");
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            subscriber.subscribe("rpc/request", 1);
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(List.of(new UserProperty("robot", "r1"), new UserProperty("robot", "r2")));
            properties.setContentType("application/json");
            properties.setResponseTopic("rpc/response/r1");
            properties.setCorrelationData(new byte[] {1, 2, 3});
            properties.setPayloadFormat(true);
            properties.setMessageExpiryInterval(600L);
            MqttMessage message = new MqttMessage("{\"x\":1}".getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            message.setProperties(properties);
            publisher.client.publish("rpc/request", message);

            MqttProperties got = subscriber.next().message().getProperties();
            assertEquals(List.of(new UserProperty("robot", "r1"), new UserProperty("robot", "r2")),
                    got.getUserProperties());
            assertEquals("application/json", got.getContentType());
            assertEquals("rpc/response/r1", got.getResponseTopic());
            assertArrayEquals(new byte[] {1, 2, 3}, got.getCorrelationData());
            assertTrue(got.getPayloadFormat());
            assertTrue("expiry counts down from 600: " + got.getMessageExpiryInterval(),
                    got.getMessageExpiryInterval() > 0 && got.getMessageExpiryInterval() <= 600);
        }
    }

    @Test
    public void pahoAsyncListenerSubscriptionGetsItsSubscriptionIdentifierBack() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.uri(), "async", new MemoryPersistence());
        try (PahoClient publisher = PahoClient.connect(broker.uri(), "pub")) {
            client.connect(new MqttConnectionOptions()).waitForCompletion(5000);
            BlockingQueue<MqttMessage> viaListener = new LinkedBlockingQueue<>();
            MqttProperties subscribeProperties = new MqttProperties();
            // Paho 1.2.5 routes to the listener by this id (and sends it only when set as the single identifier)
            subscribeProperties.setSubscriptionIdentifiers(List.of(42));
            subscribeProperties.setSubscriptionIdentifier(42);
            client.subscribe(new MqttSubscription[] {new MqttSubscription("cmd/#", 1)}, null, null,
                    (topic, message) -> viaListener.add(message), subscribeProperties).waitForCompletion(5000);
            publisher.publish("cmd/go", "go", 1, false);
            MqttMessage got = viaListener.poll(10, TimeUnit.SECONDS);
            assertEquals("go", new String(got.getPayload(), StandardCharsets.UTF_8));
            assertEquals(List.of(42), got.getProperties().getSubscriptionIdentifiers());
        } finally {
            client.disconnect().waitForCompletion(5000);
            client.close();
        }
    }

    @Test
    public void sameClientIdTakesOverTheSessionAndTheOldConnectionIsToldWhy() throws Exception {
        try (PahoClient first = PahoClient.connect(broker.uri(), "twin");
                PahoClient second = PahoClient.connect(broker.uri(), "twin")) {
            MqttDisconnectResponse response = first.disconnects.poll(5, TimeUnit.SECONDS);
            assertEquals(0x8E, response.getReturnCode());
            assertTrue(second.client.isConnected());
            second.subscribe("t", 1);
            second.publish("t", "still works", 1, false);
            assertEquals("still works", second.next().text());
        }
    }

    @Test
    public void emptyClientIdGetsAnAssignedOne() throws Exception {
        try (PahoClient anonymous = PahoClient.connect(broker.uri(), "")) {
            String assigned = anonymous.connectToken.getResponseProperties().getAssignedClientIdentifier();
            assertTrue("assigned id: " + assigned, assigned != null && assigned.startsWith("cogos-"));
        }
    }

    private static List<String> topics(List<PahoClient.Received> received) {
        List<String> topics = new ArrayList<>();
        for (PahoClient.Received r : received) {
            topics.add(r.topic());
        }
        return topics;
    }

    private static void drain(PahoClient client, List<Integer> into) throws InterruptedException {
        PahoClient.Received r = client.received.poll(10, TimeUnit.MILLISECONDS);
        while (r != null) {
            into.add(Integer.parseInt(r.text()));
            r = client.received.poll();
        }
    }

    private static boolean isAscending(List<Integer> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) <= values.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
