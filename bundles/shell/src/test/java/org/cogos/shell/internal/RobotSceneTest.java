package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance;
import org.cogos.api.Scene;
import org.cogos.api.admin.DecidedScene;
import org.junit.Test;

public class RobotSceneTest {

    private static final long NOW = 1795546992345L;

    private final Console console = new Console();

    private static DecidedScene scene(String engine, List<Action> actions) {
        Observation camera = new Observation("r1", "camera", "vision", 40, -1, 0, 0,
                List.of(new Detection("person", 0.874, 2.5, 0.05, 0.6, Map.of("box", "10,20,200,480"))));
        Observation lidar = new Observation("r1", "lidar", "sensor", 41, 7, 0, 0, List.of());
        Observation text = new Observation("r1", "text", "language", 42, -1, 0, 0,
                List.of(Detection.nonSpatial("help", 1.0, Map.of("text", "help me", "tokens", "x".repeat(80)))));
        return new DecidedScene(new Scene("r1", 12, NOW - 1_500, List.of(camera, lidar, text), text), engine,
                actions);
    }

    private RobotScene command(DecidedScene scene) {
        RobotScene command = new RobotScene();
        command.robot = "r1";
        command.monitor = scene == null ? new InMemorySceneMonitor() : new InMemorySceneMonitor().decided(scene);
        command.clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        return command;
    }

    @Test
    public void showsEveryObservationWithItsDetectionsAndTheDecision() {
        Action speak = new Action("a1", "r1", "speak", Map.of("text", "I am coming"), NOW, "rules R2 speak", 12, -1,
                Provenance.unrecorded("rules"));
        console.run(command(scene("rules", List.of(speak))));

        List<String> out = console.outLines();
        assertEquals("Scene 12 of robot r1, fused 1.5 s ago, triggered by text", out.get(0));
        List<String> lines = out.subList(1, out.size());
        List<List<String>> rows = lines.subList(2, 5).stream()
                .map(l -> List.of(l.split(" [|│] ")).stream().map(String::trim).toList()).toList();
        assertEquals(List.of("camera", "vision", "p40", "person", "0.87", "2.50 m", "0.05 rad", "box=10,20,200,480"),
                rows.get(0));
        assertEquals("an observation without detections", List.of("lidar", "sensor", "7", "-"),
                rows.get(1).subList(0, 4));
        assertEquals("help", rows.get(2).get(3));
        assertEquals("-", rows.get(2).get(5));
        assertEquals(SceneTable.MAX_ATTRIBUTES, rows.get(2).get(7).length());
        assertTrue(rows.get(2).get(7), rows.get(2).get(7).startsWith("text=help me tokens=xxx"));
        assertEquals("Decided by rules:", out.get(6));
        assertEquals("  speak {text=I am coming} because rules R2 speak", out.get(7));
    }

    @Test
    public void noFormatPrintsTabSeparatedRowsForScripts() {
        RobotScene command = command(scene("rules", List.of()));
        command.noFormat = true;
        console.run(command);

        List<String> out = console.outLines();
        assertEquals(console.err(), 5, out.size());
        List<String> camera = Arrays.stream(out.get(1).split("\t")).map(String::trim).toList();
        assertEquals(List.of("camera", "vision", "p40", "person", "0.87", "2.50 m", "0.05 rad"), camera.subList(0, 7));
        assertEquals("text", out.get(3).split("\t")[0].trim());
    }

    @Test
    public void saysWhenNothingWasDecidedOrNoEngineWasBound() {
        console.run(command(scene("rules", List.of())));
        assertEquals("Decided by rules: nothing", console.outLines().get(console.outLines().size() - 1));

        Console second = new Console();
        second.run(command(scene(null, List.of())));
        assertEquals("Decided: nothing, no decision engine was bound",
                second.outLines().get(second.outLines().size() - 1));
    }

    @Test
    public void unknownRobotAndMissingCoordinatorAreReported() {
        RobotScene unknown = command(null);
        console.run(unknown);
        assertEquals(List.of("no scene of robot r1 (not heard of, or forgotten after robotIdleMs)"),
                console.errLines());
        assertEquals(1, console.exitStatus());

        RobotScene noCoordinator = command(null);
        noCoordinator.monitor = null;
        Console second = new Console();
        second.run(noCoordinator);
        assertEquals(List.of("no scenes: the coordinator is not running (cog:modprobe coordinator)"),
                second.errLines());
        assertEquals(1, second.exitStatus());
    }
}
