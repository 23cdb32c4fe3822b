package org.cogos.mqtt.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.cogos.api.Action;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.cogos.harness.MosquittoBroker;
import org.cogos.api.ActionAck;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ActionOutboxTest {

    private static final int ACK_TIMEOUT_MS = 300;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private MosquittoBroker broker;
    private Path outboxDir;
    private BrokerLink link;
    private ActionOutbox outbox;
    private final LinkedBlockingQueue<ActionAck> acks = new LinkedBlockingQueue<>();

    @Before
    public void start() throws Exception {
        broker = MosquittoBroker.start(folder.newFolder("broker").toPath());
        outboxDir = folder.getRoot().toPath().resolve("outbox");
        link = new BrokerLink(options(Map.of()));
        await("cogos connected").atMost(10, SECONDS).until(link::isConnected);
        outbox = newOutbox(Map.of());
    }

    private MqttOptions options(Map<String, Object> overrides) {
        Map<String, Object> parameters = new HashMap<>(Map.of("uri", broker.uri(), "clientId", "cogos-outbox-test",
                "reconnectMaxDelayMs", 200, "outboxDir", outboxDir.toString(), "ackTimeoutMs", ACK_TIMEOUT_MS,
                "maxDeliveryAttempts", 20));
        parameters.putAll(overrides);
        return MqttOptions.of(parameters);
    }

    private ActionOutbox newOutbox(Map<String, Object> overrides) throws IOException {
        ActionOutbox created = new ActionOutbox(link, options(overrides));
        created.addAckListener(acks::add);
        return created;
    }

    @After
    public void stop() throws Exception {
        outbox.close();
        link.close();
        broker.close();
    }

    private static Action action(String robot, String type) {
        return new Action(UUID.randomUUID().toString(), robot, type, Map.of("speed", 0.5, "urgent", true),
                System.currentTimeMillis(), "rule test", 7, 42, new Provenance("rabab",
                        List.of(new RuleUse("person_in_reach", 2, 0.75, 5, 1)),
                        List.of(new FactUse("e", "lidar", "sensor", 40, 42, "person", 0.9, "person at 3.00 m"))));
    }

    private Path journal() {
        return outboxDir.resolve("outbox.journal");
    }

    /** The pending action ids as the journal on disk has them: A records minus D records, in file order. */
    private List<String> storedPendingIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(journal())) {
            if (line.startsWith("A ")) {
                ids.add(Json.MAPPER.readTree(line.substring(2)).get("action_id").asText());
            } else if (line.startsWith("D ")) {
                assertTrue("removal of a stored action: " + line, ids.remove(line.substring(2)));
            } else {
                fail("not a journal record: " + line);
            }
        }
        return ids;
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Action> deadLetters() {
        Path file = outboxDir.resolve("dead.jsonl");
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<Action> dead = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                dead.add(Json.decodeAction(line.getBytes(StandardCharsets.UTF_8)));
            }
            return dead;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> directoryListing() throws IOException {
        try (Stream<Path> files = Files.list(outboxDir)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    public void publishesTheDocumentedPayload() throws Exception {
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", true)) {
            Action sent = action("r1", "stop");
            outbox.send(sent);
            JsonNode received = robot.nextAction(5000);
            assertNotNull(received);
            assertEquals(sent.actionId(), received.get("action_id").asText());
            assertEquals("r1", received.get("robot").asText());
            assertEquals("stop", received.get("type").asText());
            assertEquals(0.5, received.get("params").get("speed").asDouble(), 0);
            assertTrue(received.get("params").get("urgent").asBoolean());
            assertEquals(sent.createdMillis(), received.get("created").asLong());
            assertEquals("rule test", received.get("reason").asText());
            assertEquals(7, received.get("scene_seq").asLong());
            assertEquals(42, received.get("source_seq").asLong());
        }
    }

    @Test
    public void redeliversWithTheSameIdUntilAckedThenStops() throws Exception {
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false)) {
            Action sent = action("r1", "approach");
            outbox.send(sent);
            assertEquals("stored before send returns", List.of(sent.actionId()), storedPendingIds());

            JsonNode first = robot.nextAction(5000);
            JsonNode second = robot.nextAction(5000);
            assertNotNull("delivered", first);
            assertNotNull("delivered again after the ack timeout", second);
            assertEquals(sent.actionId(), first.get("action_id").asText());
            assertEquals(sent.actionId(), second.get("action_id").asText());

            robot.ack(sent.actionId(), ActionAck.Status.DONE);
            ActionAck ack = acks.poll(5, TimeUnit.SECONDS);
            assertNotNull("ack listener called", ack);
            assertEquals(sent, ack.action());
            assertEquals(ActionAck.Status.DONE, ack.status());
            assertTrue(ack.attempts() >= 2);

            robot.actions.clear();
            assertNull("no delivery after the ack", robot.nextAction(4L * ACK_TIMEOUT_MS));
            assertTrue(outbox.pendingActionIds().isEmpty());
            assertTrue("the ack is in the journal", storedPendingIds().isEmpty());
            assertEquals(1L, link.counters().get("outbox.acked").longValue());
            assertEquals(0L, link.counters().get("outbox.pending").longValue());
        }
    }

    @Test
    public void deadLettersAfterMaxDeliveryAttempts() throws Exception {
        outbox.close();
        outbox = newOutbox(Map.of("maxDeliveryAttempts", 2));
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false)) {
            Action sent = action("r1", "speak");
            outbox.send(sent);
            await("dead-lettered").atMost(5, SECONDS).until(() -> deadLetters().size() == 1);
            Thread.sleep(3L * ACK_TIMEOUT_MS);
            assertEquals("published exactly maxDeliveryAttempts times", 2, robot.actions.size());
            assertTrue(storedPendingIds().isEmpty());
            assertTrue(outbox.pendingActionIds().isEmpty());
            assertEquals(List.of(sent), deadLetters());
            assertEquals(1L, link.counters().get("outbox.dead").longValue());
        }
    }

    @Test
    public void keepsSendOrderPerRobot() throws Exception {
        try (TestRobot r1 = new TestRobot(broker.uri(), "r1", true);
                TestRobot r2 = new TestRobot(broker.uri(), "r2", true)) {
            List<String> sentR1 = new ArrayList<>();
            List<String> sentR2 = new ArrayList<>();
            // More than Mosquitto's default in-flight window of 20, to cross it.
            for (int i = 0; i < 100; i++) {
                Action a1 = action("r1", "step");
                Action a2 = action("r2", "step");
                outbox.send(a1);
                outbox.send(a2);
                sentR1.add(a1.actionId());
                sentR2.add(a2.actionId());
            }
            assertEquals(sentR1, firstDeliveries(r1, 100));
            assertEquals(sentR2, firstDeliveries(r2, 100));
            await("all acked").atMost(10, SECONDS).until(() -> outbox.pendingActionIds().isEmpty());
        }
    }

    private static List<String> firstDeliveries(TestRobot robot, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            JsonNode action = robot.nextAction(10_000);
            if (action == null) {
                fail("only " + ids.size() + " of " + count + " actions arrived");
            }
            String id = action.get("action_id").asText();
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    public void pendingActionsSurviveABrokerCrash() throws Exception {
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", true)) {
            broker.kill();
            await("cogos noticed the broker is gone").atMost(10, SECONDS).until(() -> !link.isConnected());

            Action sent = action("r1", "stop");
            outbox.send(sent);
            assertEquals(List.of(sent.actionId()), outbox.pendingActionIds());

            broker.resume();
            JsonNode received = robot.nextAction(15_000);
            assertNotNull("delivered after the broker came back", received);
            assertEquals(sent.actionId(), received.get("action_id").asText());
            await("acked").atMost(10, SECONDS).until(() -> outbox.pendingActionIds().isEmpty());
            assertTrue(storedPendingIds().isEmpty());
        }
    }

    @Test
    public void pendingActionsSurviveAnOutboxRestartAndGoOutOldestFirst() throws Exception {
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false)) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Action action = action("r1", "step");
                outbox.send(action);
                sent.add(action.actionId());
            }
            assertEquals(sent, firstDeliveries(robot, 3));
            outbox.close();
            assertEquals(sent, storedPendingIds());

            robot.actions.clear();
            robot.autoAck(true);
            outbox = newOutbox(Map.of("ackTimeoutMs", 60_000));
            assertEquals("the new instance read the directory", sent, outbox.pendingActionIds());
            assertEquals("republished at start, oldest first", sent, firstDeliveries(robot, 3));
            await("acked").atMost(5, SECONDS).until(() -> outbox.pendingActionIds().isEmpty());
            assertTrue(storedPendingIds().isEmpty());
        }
    }

    /**
     * Issue 16, the outbox's disk full: on a 1 MiB tmpfs filled to the last byte, actions are still accepted and
     * delivered, counted unjournaled; once space returns the journal is rewritten with every pending action, so a
     * restart keeps them. Mounting needs root, as CI runs.
     */
    @Test
    public void aFullDiskHoldsBackNoActionAndTheJournalIsWholeOnceSpaceReturns() throws Exception {
        Path disk = folder.newFolder("small-disk").toPath();
        command("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "cogos-outbox-test", disk.toString());
        Path usualDir = outboxDir;
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false)) {
            outbox.close();
            outboxDir = disk.resolve("outbox");
            outbox = newOutbox(Map.of("ackTimeoutMs", 60_000));
            Path filler = disk.resolve("filler");
            fill(filler);

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Action action = action("r1", "stop");
                outbox.send(action);
                sent.add(action.actionId());
            }
            assertEquals("delivered all the same", sent, firstDeliveries(robot, 3));
            assertEquals(Long.valueOf(3), link.counters().get("outbox.unjournaled"));
            assertEquals("the full disk took none", List.of(), storedPendingIds());

            Files.delete(filler);
            await("the journal rewritten").atMost(10, SECONDS).until(() -> storedPendingIds().equals(sent));
            outbox.close();
            robot.actions.clear();
            outbox = newOutbox(Map.of("ackTimeoutMs", 60_000));
            assertEquals("kept across a restart", sent, outbox.pendingActionIds());
            assertEquals(sent, firstDeliveries(robot, 3));
        } finally {
            outbox.close();
            command("umount", disk.toString());
            outboxDir = usualDir;
            outbox = newOutbox(Map.of());
        }
    }

    private static void command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(String.join(" ", command) + ": " + output, 0, process.waitFor());
    }

    /** Writes to {@code file} until the file system has no byte left. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertTrue("expected a full disk: " + e, String.valueOf(e.getMessage()).contains("No space left"));
        }
    }

    /**
     * Regression: a full outbox refused stops like any action, so robots slow to ack (the soak's first minute)
     * or one that never acks kept every robot's stop from being sent.
     */
    @Test
    public void regressionAFullOutboxRefusedStops() throws Exception {
        outbox.close();
        outbox = newOutbox(Map.of("outboxCapacity", 2));
        List<Action> kept = List.of(action("r1", "approach"), action("r1", "approach"), action("r1", "stop"),
                action("r2", "stop"));
        outbox.send(kept.get(0));
        outbox.send(kept.get(1));
        try {
            outbox.send(action("r1", "approach"));
            fail("a full outbox must refuse a motion");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("outboxCapacity 2"));
        }
        outbox.send(kept.get(2));
        outbox.send(kept.get(3));
        try {
            outbox.send(action("r3", "stop"));
            fail("the stops' reserve is a bound too");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("as many again for stops"));
        }
        assertEquals(kept.stream().map(Action::actionId).toList(), outbox.pendingActionIds());
        assertEquals(2L, link.counters().get("outbox.refused_full").longValue());
    }

    @Test
    public void refusesBeyondCapacityAndDuplicateIds() throws Exception {
        outbox.close();
        outbox = newOutbox(Map.of("outboxCapacity", 2));
        Action first = action("r1", "a");
        outbox.send(first);
        outbox.send(action("r1", "b"));
        try {
            outbox.send(action("r1", "c"));
            fail("a full outbox must refuse");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("outboxCapacity"));
        }
        assertEquals(1L, link.counters().get("outbox.refused_full").longValue());
        outbox.close();
        outbox = newOutbox(Map.of());
        try {
            outbox.send(first);
            fail("an id that is pending must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains(first.actionId()));
        }
        assertEquals(2, outbox.pendingActionIds().size());
    }

    @Test
    public void badAcksAreCountedAndChangeNothing() throws Exception {
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false);
                TestRobot other = new TestRobot(broker.uri(), "r2", false)) {
            Action sent = action("r1", "stop");
            outbox.send(sent);
            assertNotNull(robot.nextAction(5000));
            robot.publish(TestRobot.PREFIX + "r1/acks", "not json".getBytes(), 1, false);
            robot.ack(sent.actionId(), "maybe");
            other.ack(sent.actionId(), ActionAck.Status.DONE); // another robot cannot ack r1's action
            robot.ack(UUID.randomUUID().toString(), ActionAck.Status.DONE);
            await("acks processed").atMost(5, SECONDS).until(
                    () -> link.counters().getOrDefault("outbox.ack_unknown", 0L) == 2);
            assertEquals(2L, link.counters().get("outbox.ack_malformed").longValue());
            assertEquals(List.of(sent.actionId()), outbox.pendingActionIds());
            assertEquals(List.of(sent.actionId()), storedPendingIds());
        }
    }

    @Test
    public void tornAndUnreadableJournalLinesAreSkippedAndTheRestIsDeliveredAfterARestart() throws Exception {
        outbox.close();
        outbox = newOutbox(Map.of("ackTimeoutMs", 60_000));
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false)) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Action action = action("r1", "step");
                outbox.send(action);
                sent.add(action.actionId());
            }
            assertEquals(sent, firstDeliveries(robot, 3));
            outbox.close();
            List<String> lines = Files.readAllLines(journal());
            // A damaged record, a line of unknown type, and at the end the start of a record a crash cut short.
            Files.writeString(journal(), lines.get(0) + "\nA {\"action_id\": tru\nX ?\n" + lines.get(1) + "\n"
                    + lines.get(2) + "\nA {\"action_id\":\"half");

            robot.actions.clear();
            outbox = newOutbox(Map.of("ackTimeoutMs", 60_000));
            assertEquals(sent, outbox.pendingActionIds());
            assertEquals(3L, link.counters().get("outbox.corrupt").longValue());
            assertEquals("re-delivered at start, oldest first", sent, firstDeliveries(robot, 3));

            Action next = action("r1", "step");
            outbox.send(next);
            List<String> expected = new ArrayList<>(sent);
            expected.add(next.actionId());
            assertEquals("the torn line was compacted away and cannot swallow the next record", expected,
                    storedPendingIds());
            assertEquals(4, Files.readAllLines(journal()).size());
        }
    }

    @Test
    public void compactionKeepsExactlyThePendingActionsInOrder() throws Exception {
        outbox.close();
        outbox = newOutbox(Map.of("ackTimeoutMs", 60_000));
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", false)) {
            List<String> sent = new ArrayList<>();
            List<String> unacked = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Action action = action("r1", "step");
                outbox.send(action);
                sent.add(action.actionId());
                if (i % 7 == 3) {
                    unacked.add(action.actionId());
                }
            }
            assertEquals(sent, firstDeliveries(robot, 50)); // all delivered: nothing left in flight for later
            for (String id : sent) {
                if (!unacked.contains(id)) {
                    robot.ack(id, ActionAck.Status.DONE);
                }
            }
            await("acks processed").atMost(10, SECONDS).until(() -> outbox.pendingActionIds().equals(unacked));
            assertEquals("50 sends and their acks", 100 - unacked.size(), Files.readAllLines(journal()).size());

            outbox.compact();
            List<String> lines = Files.readAllLines(journal());
            assertEquals(unacked.size(), lines.size());
            assertTrue(lines.stream().allMatch(line -> line.startsWith("A ")));
            assertEquals(unacked, storedPendingIds());

            outbox.close();
            robot.actions.clear();
            robot.autoAck(true);
            outbox = newOutbox(Map.of("ackTimeoutMs", 60_000));
            assertEquals(unacked, outbox.pendingActionIds());
            assertEquals("only the unacked come back, in send order", unacked,
                    firstDeliveries(robot, unacked.size()));
            await("acked").atMost(5, SECONDS).until(() -> outbox.pendingActionIds().isEmpty());
            assertNull("nothing else was pending", robot.nextAction(500));
        }
    }

    @Test
    public void compactsByItselfOnceFinishedRecordsPileUp() throws Exception {
        outbox.close();
        // Nobody acks: every action is dead-lettered after one publication, leaving an A and a D record.
        outbox = newOutbox(Map.of("maxDeliveryAttempts", 1, "ackTimeoutMs", 100));
        int actions = (int) (ActionOutbox.COMPACT_FINISHED_RECORDS / 2) + 1;
        for (int i = 0; i < actions; i++) {
            outbox.send(action("r1", "step"));
        }
        await("all dead-lettered").atMost(60, SECONDS).until(
                () -> link.counters().getOrDefault("outbox.dead", 0L) == actions);
        // Compaction may run while the last few are still pending; without it the journal keeps every record.
        await("journal compacted").atMost(10, SECONDS).until(() -> lineCount(journal()) < 10);
        assertTrue(storedPendingIds().isEmpty());
        assertEquals(actions, deadLetters().size());
        Action next = action("r1", "step");
        outbox.send(next);
        assertEquals("appends go to the compacted journal", List.of(next.actionId()), storedPendingIds());
    }

    /**
     * The soak benchmark's full load: acks came on the connection the sensors came on, so each waited at the broker
     * behind every frame and WAV queued for cogos, the outbox filled and later actions, stops among them, were
     * refused. Here the main connection's delivery thread is held by a sensor message, as a backlog would hold it;
     * the ack still reaches the outbox.
     */
    @Test
    public void regressionAcksWaitedBehindTheSensorsBacklog() throws Exception {
        CountDownLatch backlog = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        Registration sensors = link.subscribe(link.topics().sensorsFilter(), 1, (topic, message) -> {
            busy.countDown();
            try {
                backlog.await(30, SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", true)) {
            robot.sensor("lidar", "{}");
            assertTrue("the main connection is busy", busy.await(5, SECONDS));
            Action stop = action("r1", "stop");
            outbox.send(stop);
            ActionAck ack = acks.poll(5, SECONDS);
            assertNotNull("the ack came while the sensors' connection was held", ack);
            assertEquals(stop.actionId(), ack.action().actionId());
            assertEquals(Map.of("cogos-outbox-test", true, "cogos-outbox-test-actions", true), link.connections());
        } finally {
            backlog.countDown();
            sensors.close();
        }
    }

    /**
     * A session kept by the broker from a version that took acks on the main connection still has that
     * subscription: the main link unsubscribes it and takes what still comes there silently, not as messages
     * nobody claimed.
     */
    @Test
    public void anAcksSubscriptionLeftOnTheMainSessionIsReleased() throws Exception {
        outbox.close();
        link.close();
        BrokerLink earlier = new BrokerLink(options(Map.of()));
        earlier.subscribe(earlier.topics().acksFilter(), 1, (topic, message) -> { });
        await("subscribed as an earlier version did").atMost(10, SECONDS).until(earlier::isConnected);
        earlier.subscribe(earlier.topics().sensorsFilter(), 1, (topic, message) -> { });
        earlier.close();

        link = new BrokerLink(options(Map.of("unclaimedHoldSeconds", 1)));
        await("connected").atMost(10, SECONDS).until(link::isConnected);
        outbox = newOutbox(Map.of());
        try (TestRobot robot = new TestRobot(broker.uri(), "r1", true)) {
            for (int i = 0; i < 20; i++) {
                outbox.send(action("r1", "step"));
            }
            await("acked").atMost(10, SECONDS).until(() -> outbox.pendingActionIds().isEmpty());
            Thread.sleep(2000); // past unclaimedHoldSeconds
            long onMain = link.counters().getOrDefault("inbound.messages", 0L);
            assertEquals("nothing was held as unclaimed", 0L,
                    (long) link.counters().getOrDefault("inbound.unclaimed_dropped", 0L));
            for (int i = 0; i < 20; i++) {
                outbox.send(action("r1", "step"));
            }
            await("acked").atMost(10, SECONDS).until(() -> outbox.pendingActionIds().isEmpty());
            assertEquals("acks no longer reach the main session", onMain,
                    (long) link.counters().getOrDefault("inbound.messages", 0L));
            assertTrue("the outbox's connection took them",
                    link.counters().getOrDefault("actions.inbound.messages", 0L) >= 40);
        }
    }
}
