package org.cogos.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cogos.harness.CogosInstance;
import org.cogos.harness.MosquittoBroker;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 16, cogos killed (-9) mid-stream and started again, two robots streaming scans that each decide an action
 * (a person ahead, repeat suppression off) through Mosquitto, which queues for cogos's persistent session meanwhile.
 * The actions pending in the outbox journal at the kill are read from the disk cogos left; every one of them must
 * reach its robot after the restart (at least once), and each robot's first deliveries must follow its scans' order.
 * Prints, per robot: scans sent, decided, lost, duplicates
 * (same id, dropped by the robot; or a scan decided again under a new id), and the restart's time to the first
 * action.
 */
public class CogosKillFaultIT {

    private static final double RATE_PER_ROBOT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MosquittoBroker mosquitto;
    private static CogosInstance cogos;

    @BeforeClass
    public static void start() throws Exception {
        mosquitto = MosquittoBroker.start(Path.of("target", "e2e", "cogos-kill-mosquitto").toAbsolutePath(),
                "max_inflight_messages 1000", "max_queued_messages 100000", "max_topic_alias 0");
        cogos = ScenarioSupport.unpack("cogos-kill");
        cogos.configure("org.cogos.coordinator", "repeatSuppressionMs", "0");
        cogos.useExternalBroker(mosquitto.uri());
        cogos.start(120_000);
    }

    @AfterClass
    public static void stop() throws Exception {
        ScenarioSupport.stop(cogos, mosquitto);
    }

    /** Action ids with an A record and no D record in the journal: pending when cogos died. */
    private static Map<String, String> pendingInJournal() throws Exception {
        Map<String, String> robotByAction = new LinkedHashMap<>();
        for (String line : Files.readAllLines(cogos.home().resolve("data/cogos/outbox/outbox.journal"))) {
            if (line.startsWith("A ")) {
                JsonNode action = JSON.readTree(line.substring(2));
                robotByAction.put(action.get("action_id").asText(), action.get("robot").asText());
            } else if (line.startsWith("D ")) {
                robotByAction.remove(line.substring(2));
            }
        }
        return robotByAction;
    }

    @Test
    public void killedMidStreamItDeliversEveryJournaledActionAfterTheRestart() throws Exception {
        String[] ids = { "crash-a", "crash-b" };
        Map<String, List<ReceivedAction>> arrived = new ConcurrentHashMap<>();
        List<Long> actionNanos = new CopyOnWriteArrayList<>();
        List<RobotSimulator> robots = new ArrayList<>();
        List<Thread> streams = new ArrayList<>();
        LidarScenario personAhead = new LidarScenario(1.0, 0.0, 1);
        try {
            for (String id : ids) {
                RobotSimulator robot = new RobotSimulator(mosquitto.uri(), id, "cogos/v1", 1).connect();
                arrived.put(id, new CopyOnWriteArrayList<>());
                robot.addActionListener(action -> {
                    arrived.get(id).add(action);
                    actionNanos.add(System.nanoTime());
                });
                robots.add(robot);
                Thread stream = new Thread(() -> {
                    try {
                        robot.stream((seq, frame, stamp) -> personAhead.scan(seq, 1, stamp), -1, RATE_PER_ROBOT);
                    } catch (Exception e) {
                        throw new IllegalStateException(id + " stopped streaming", e);
                    }
                }, "stream-" + id);
                stream.start();
                streams.add(stream);
            }
            Thread.sleep(3000);
            cogos.kill();
            Map<String, String> pendingAtKill = pendingInJournal();
            Thread.sleep(1000);
            long restarted = System.nanoTime();
            cogos.start(120_000);
            long firstAfter = actionNanos.stream().filter(t -> t > restarted).min(Long::compare).orElse(-1L);
            Thread.sleep(3000);
            streams.forEach(Thread::interrupt);
            for (Thread stream : streams) {
                stream.join(10_000);
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && robots.stream().anyMatch(r -> undecided(r, arrived) > 0)) {
                Thread.sleep(200);
            }
            StringBuilder report = new StringBuilder(String.format("cogos kill -9 after 3 s, restarted (%.1f s to "
                    + "its first action after the start began); %d actions pending in the journal at the kill%n",
                    firstAfter < 0 ? -1 : (firstAfter - restarted) / 1e9, pendingAtKill.size()));
            Set<String> delivered = ConcurrentHashMap.newKeySet();
            long outOfOrderTotal = 0;
            for (RobotSimulator robot : robots) {
                List<ReceivedAction> actions = arrived.get(robot.robotId());
                actions.forEach(a -> delivered.add(a.actionId()));
                Set<Long> scans = ConcurrentHashMap.newKeySet();
                long again = 0;
                long outOfOrder = 0;
                long lastSeq = -1;
                for (ReceivedAction action : actions) {
                    if (!scans.add(action.sourceSeq())) {
                        again++;
                    } else if (action.sourceSeq() < lastSeq) {
                        outOfOrder++;
                    }
                    lastSeq = Math.max(lastSeq, action.sourceSeq());
                }
                outOfOrderTotal += outOfOrder;
                report.append(String.format("  %s: sent %d, decided %d, lost %d, duplicates dropped by the robot "
                        + "(same id) %d, decided again (new id) %d, first deliveries out of scan order %d%n",
                        robot.robotId(), robot.scansPublished(), scans.size(), undecided(robot, arrived),
                        robot.duplicatesDropped(), again, outOfOrder));
            }
            System.out.print(report);
            List<String> missing = pendingAtKill.keySet().stream().filter(id -> !delivered.contains(id)).toList();
            assertEquals(report + "journaled actions never delivered", List.of(), missing);
            assertEquals(report + "first deliveries out of each robot's scan order", 0, outOfOrderTotal);
            for (RobotSimulator robot : robots) {
                assertTrue(report.toString(), arrived.get(robot.robotId()).size() > 0);
            }
        } finally {
            for (RobotSimulator robot : robots) {
                robot.close();
            }
        }
    }

    /** Scans of the robot with no action yet. */
    private static long undecided(RobotSimulator robot, Map<String, List<ReceivedAction>> arrived) {
        Set<Long> decided = ConcurrentHashMap.newKeySet();
        arrived.get(robot.robotId()).forEach(a -> decided.add(a.sourceSeq()));
        long missing = 0;
        for (long seq = 1; seq <= robot.scansPublished(); seq++) {
            if (!decided.contains(seq)) {
                missing++;
            }
        }
        return missing;
    }
}
