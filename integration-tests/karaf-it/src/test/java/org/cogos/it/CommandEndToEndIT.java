package org.cogos.it;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.cogos.robotsim.SimWorld;
import org.cogos.robotsim.WorldActions;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * A robot you can command, end to end (issue 13): the distribution with its embedded broker and the rules engine,
 * a simulated robot that carries out what it is told in its world and acks it, typed and spoken commands, a
 * camera streaming at 15 fps, and a second robot streaming LIDAR.
 */
public class CommandEndToEndIT {

    @ClassRule
    public static final RunningCogos COGOS = new RunningCogos("commands");

    /** A robot in its world, streaming its scans at 10 Hz, with every action it received and every ack it sent. */
    private static final class WorldRobot implements AutoCloseable {
        final SimWorld world = new SimWorld(0.01, 7);
        final List<String> said = new CopyOnWriteArrayList<>();
        final List<String> acks = new CopyOnWriteArrayList<>();
        final List<ReceivedAction> received = new CopyOnWriteArrayList<>();
        final WorldActions carrier = new WorldActions(world, said::add);
        final RobotSimulator robot;
        final Thread scans;
        long textSeq;

        WorldRobot(String id) throws Exception {
            robot = COGOS.robot(id);
            robot.setExecutor((action, ack) -> carrier.execute(action, (status, detail) -> {
                acks.add(action.type() + " " + status);
                ack.send(status, detail);
            }));
            robot.addActionListener(received::add);
            robot.connect();
            scans = new Thread(() -> {
                try {
                    robot.stream(world, -1, 10);
                } catch (Exception e) {
                    said.add("scan stream failed: " + e);
                }
            }, id + "-scans");
            scans.start();
        }

        void say(String text) throws Exception {
            robot.publishRaw("sensors/text", ("{\"seq\":" + (++textSeq) + ",\"text\":\"" + text + "\"}")
                    .getBytes(StandardCharsets.UTF_8), 1, false);
        }

        /** Waits up to 10 s for {@code entry} in {@code list} (acks or words said); fails with what happened. */
        void awaitIn(List<String> list, String entry, String what) {
            await(what).atMost(10, SECONDS).untilAsserted(() -> assertTrue(what + ": acks " + acks + ", said "
                    + said + ", actions " + received.stream().map(ReceivedAction::line).toList(),
                    list.contains(entry)));
        }

        /** The first action received from index {@code from} on that matches, waiting up to 30 s. */
        ReceivedAction awaitAction(int from, String what, Predicate<ReceivedAction> matches) {
            return await(what).atMost(30, SECONDS).pollInterval(20, MILLISECONDS).until(
                    () -> received.subList(Math.min(from, received.size()), received.size()).stream()
                            .filter(matches).findFirst().orElse(null), a -> a != null);
        }

        @Override
        public void close() throws Exception {
            scans.interrupt();
            scans.join(5_000);
            robot.close();
            carrier.close();
        }
    }

    private static boolean is(ReceivedAction action, String type) {
        return action.type().equals(type);
    }

    private static double number(ReceivedAction action, String key) {
        return ((Number) action.params().get(key)).doubleValue();
    }

    @Test
    public void typedCommandsMoveTheRobotAndASpokenStopLatchesUntilResume() throws Exception {
        try (WorldRobot r = new WorldRobot("cmd-bot")) {
            int mark = r.received.size();
            r.say("go forward one meter");
            ReceivedAction move = r.awaitAction(mark, "move", a -> is(a, "move"));
            assertEquals("forward", move.params().get("direction"));
            assertEquals(1.0, number(move, "distance_m"), 1e-9);
            r.awaitIn(r.acks, "move done", "the move done");
            assertEquals(1.0, r.world.pose()[0], 0.06);

            mark = r.received.size();
            r.say("turn left");
            ReceivedAction turn = r.awaitAction(mark, "turn", a -> is(a, "turn"));
            assertEquals(Math.PI / 2, number(turn, "angle_rad"), 1e-6);
            r.awaitIn(r.acks, "turn done", "the turn done");
            assertEquals(Math.PI / 2, r.world.pose()[2], 0.01);

            mark = r.received.size();
            r.robot.publishRaw("sensors/audio", Files.readAllBytes(Fixtures.SPOKEN_STOP), 1, false);
            ReceivedAction stop = r.awaitAction(mark, "the spoken stop", a -> is(a, "stop"));
            assertEquals("command", stop.params().get("cause"));

            mark = r.received.size();
            r.say("move forward one meter");
            r.say("hello");
            ReceivedAction hello = r.awaitAction(mark, "the greeting", a -> is(a, "speak"));
            assertEquals("Hello.", hello.params().get("text"));
            assertTrue("latched: no motion after a spoken stop " + r.received,
                    r.received.subList(mark, r.received.size()).stream().noneMatch(a -> is(a, "move")));

            mark = r.received.size();
            r.say("continue");
            ReceivedAction resumed = r.awaitAction(mark, "the resume", a -> is(a, "speak"));
            assertEquals("Resuming.", resumed.params().get("text"));
            r.say("move backward fifty centimeters");
            ReceivedAction back = r.awaitAction(mark, "a move after resume", a -> is(a, "move"));
            assertEquals("backward", back.params().get("direction"));
            assertEquals(0.5, number(back, "distance_m"), 1e-9);

            mark = r.received.size();
            r.say("go forward ten meters");
            r.awaitAction(mark, "the long move", a -> is(a, "move"));
            r.awaitIn(r.acks, "move rejected", "the move into the wall rejected");

            mark = r.received.size();
            r.say("sing me a song");
            ReceivedAction answer = r.awaitAction(mark, "an answer", a -> is(a, "speak"));
            assertTrue(answer.params().toString(), String.valueOf(answer.params().get("text"))
                    .contains("sing me a song"));
            r.awaitIn(r.said, "Resuming.", "said aloud");
        }
    }

    /**
     * One robot streams its camera at 15 fps and its LIDAR at 10 Hz and is told "stop" aloud; another streams the
     * scripted LIDAR encounter that ends with an obstacle at 0.3 m. Each gets its stop; the camera frames the
     * vision module could not keep up with are superseded, not queued, and no percept is refused.
     */
    @Test
    public void spokenStopAndLidarObstacleEachStopTheirRobotUnderACameraStream() throws Exception {
        byte[] frame = Files.readAllBytes(Fixtures.CAMERA_FRAME);
        List<String> errors = new CopyOnWriteArrayList<>();
        var watcher = COGOS.errorWatcher("cam-bot", errors);
        try (WorldRobot camBot = new WorldRobot("cam-bot");
                RobotSimulator lidarBot = COGOS.robot("lidar-bot")) {
            lidarBot.connect();
            Thread camera = new Thread(() -> {
                long start = System.nanoTime();
                for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    LockSupport.parkNanos(start + i * 1_000_000_000L / 15 - System.nanoTime());
                    try {
                        camBot.robot.publishPipelined("sensors/camera", frame, 1);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "camera-15fps");
            camera.start();
            try {
                Thread.sleep(3_000); // the camera backlog builds up
                int mark = camBot.received.size();
                camBot.robot.publishRaw("sensors/audio", Files.readAllBytes(Fixtures.SPOKEN_STOP), 1, false);
                ReceivedAction stop = camBot.awaitAction(mark, "the spoken stop", a -> is(a, "stop")
                        && "command".equals(a.params().get("cause")));
                assertTrue(stop.reason(), stop.reason().contains("stop"));

                LidarScenario encounter = new LidarScenario(10, 0.01, 3);
                lidarBot.stream(encounter, encounter.framesPerCycle(), 10);
                List<ReceivedAction> lidarActions = new ArrayList<>();
                await("the obstacle stop").atMost(30, SECONDS).until(() -> {
                    lidarBot.actions().drainTo(lidarActions);
                    return lidarActions.stream().anyMatch(a -> is(a, "stop")
                            && "obstacle".equals(a.params().get("cause")));
                });
            } finally {
                camera.interrupt();
                camera.join(5_000);
            }
            Map<String, Long> superseded = ScenarioSupport.lsmodColumn(COGOS.instance(), ScenarioSupport.SUPERSEDED);
            assertTrue("camera frames superseded: " + superseded, superseded.getOrDefault("vision", 0L) > 0);
            assertTrue("errors: " + errors, errors.isEmpty());
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }

    /** A modality no module serves is refused with no_module once heldGraceMs has passed, and lsmod says so. */
    @Test
    public void aPerceptNoModuleServesIsRefusedWithNoModule() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        var watcher = COGOS.errorWatcher("thermal-bot", errors);
        try (RobotSimulator robot = COGOS.robot("thermal-bot")) {
            robot.connect();
            robot.publishRaw("sensors/thermal", "{\"seq\":1,\"celsius\":[21.5]}".getBytes(StandardCharsets.UTF_8),
                    1, false);
            ScenarioSupport.awaitErrors(errors, 1, 30);
            assertTrue(errors.toString(), errors.get(0).contains("\"code\":\"no_module\"")
                    && errors.get(0).contains("\"modality\":\"thermal\""));
            String lsmod = COGOS.instance().shell("cog:lsmod");
            assertTrue(lsmod, lsmod.contains("No module serves: thermal"));
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }
}
