package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cogos.api.Action;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.junit.Test;

public class ExplainTest {

    private static final long NOW = 1795546992345L;

    private static final Provenance RABAB = new Provenance("rabab",
            List.of(new RuleUse("approach_person", 3, 0.8333, 9, 1), new RuleUse("person_in_reach", 1, 0.5, 0, 0)),
            List.of(new FactUse("e", "lidar", "sensor", 41, 7, "person", 0.934,
                            "person at 3.00 m bearing 0.00 rad"),
                    new FactUse("support", "camera", "", 40, -1, "person", 0.874,
                            "person at 2.50 m bearing 0.05 rad (estimated: box_height)")));

    private final InMemorySceneMonitor monitor = new InMemorySceneMonitor();
    private final Console console = new Console();

    private static Action action(String id, Provenance provenance) {
        return new Action(id, "r1", "approach", Map.of("speed", 0.4, "distance_m", 3.0), NOW - 1_500,
                "rabab approach_person v3: person at 3.00 m bearing 0.00 rad", 12, 7, provenance);
    }

    private Explain explain(String actionId) {
        Explain command = new Explain();
        command.actionId = actionId;
        command.monitor = monitor;
        command.clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        command.zone = ZoneOffset.UTC;
        return command;
    }

    @Test
    public void showsTheActionThenTheRulesAndFactsItWasDecidedFrom() {
        monitor.decided(action("a-1", RABAB));

        console.run(explain("a-1"));
        assertEquals(0, console.exitStatus());

        List<String> out = console.outLines();
        assertEquals(List.of(
                "action:     a-1",
                "robot:      r1",
                "type:       approach",
                "params:     distance_m=3.0 speed=0.4",
                "created:    2026-11-24T19:03:10.845Z (1.5 s ago)",
                "scene:      12",
                "source seq: 7",
                "reason:     rabab approach_person v3: person at 3.00 m bearing 0.00 rad",
                "engine:     rabab",
                "Rules that fired, the deciding one first:"), out.subList(0, 10));
        assertEquals(List.of("Rule", "Version", "Reliability", "Successes", "Failures"), Console.cells(out.get(10)));
        assertEquals(List.of("approach_person", "3", "0.83", "9", "1"), Console.cells(out.get(12)));
        assertEquals(List.of("person_in_reach", "1", "0.50", "0", "0"), Console.cells(out.get(13)));
        assertEquals("Facts used:", out.get(14));
        assertEquals(List.of("Role", "Modality", "Module", "Percept seq", "Source seq", "Label", "Conf", "Statement"),
                Console.cells(out.get(15)));
        assertEquals(List.of("e", "lidar", "sensor", "41", "7", "person", "0.93", "person at 3.00 m bearing 0.00 rad"),
                Console.cells(out.get(17)));
        assertEquals("no module and no robot sequence read as unknown",
                List.of("support", "camera", "-", "40", "-", "person", "0.87",
                        "person at 2.50 m bearing 0.05 rad (estimated: box_height)"),
                Console.cells(out.get(18)));
        assertEquals(19, out.size());
        assertEquals("", console.err());
        assertEquals(0, console.exitStatus());
    }

    @Test
    public void anEngineThatRecordedNothingSaysSo() {
        monitor.decided(action("a-2", Provenance.unrecorded("rules")));

        console.run(explain("a-2"));

        List<String> out = console.outLines();
        assertEquals("engine:     rules", out.get(8));
        assertEquals("no rules recorded by rules", out.get(12));
        assertEquals("no facts recorded by rules", out.get(out.size() - 1));
    }

    @Test
    public void noFormatGivesTheTableRowsTabSeparatedWithoutHeaders() {
        monitor.decided(action("a-1", RABAB));
        Explain explain = explain("a-1");
        explain.noFormat = true;

        console.run(explain);

        List<String> out = console.outLines();
        assertEquals("Rules that fired, the deciding one first:", out.get(9));
        assertEquals(List.of("approach_person", "3", "0.83", "9", "1"), tabCells(out.get(10)));
        assertEquals("Facts used:", out.get(12));
        assertEquals("support", tabCells(out.get(14)).get(0));
        assertEquals(15, out.size());
    }

    @Test
    public void anUnknownOrForgottenActionIsOneErrorLine() {
        monitor.decided(action("a-1", RABAB));

        console.run(explain("a-9"));

        assertEquals("", console.out());
        assertEquals(List.of("no action a-9 among the coordinator's recent actions (actionHistory)"),
                console.errLines());
        assertEquals(1, console.exitStatus());
    }

    @Test
    public void withoutTheCoordinatorItSaysHowToLoadIt() {
        Explain explain = explain("a-1");
        explain.monitor = null;

        console.run(explain);

        assertEquals("", console.out());
        assertEquals(List.of("no actions: the coordinator is not running (cog:modprobe coordinator)"),
                console.errLines());
        assertEquals(1, console.exitStatus());
    }

    private static List<String> tabCells(String line) {
        return Arrays.stream(line.split("\t")).map(String::strip).toList();
    }
}
