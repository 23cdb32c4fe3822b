package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.cogos.api.admin.RobotStatus;
import org.junit.Test;

public class RobotListTest {

    private static final long NOW = 1795546992345L;

    private static final List<RobotStatus> ROBOTS = List.of(
            new RobotStatus("robot-1", true, NOW - 2_140, NOW - 303_000, Map.of("lidar", 18_402L)),
            new RobotStatus("robot-2", false, NOW - 7_500_000, NOW - 7_440_000, Map.of("lidar", 977L)),
            new RobotStatus("robot-3", false, 0, 0, Map.of()));

    private final Console console = new Console();

    private RobotList robotList(List<RobotStatus> robots) {
        RobotList command = new RobotList();
        command.registry = robots == null ? null : () -> robots;
        command.clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        return command;
    }

    @Test
    public void showsStateAndTimesRelativeToNow() {
        console.run(robotList(ROBOTS));

        assertEquals(List.of("Robot", "State", "Last seen", "Status since", "Percepts"), console.tableHeader());
        assertEquals(List.of(
                List.of("robot-1", "online", "2.1 s ago", "5 min 3 s ago", "18402"),
                List.of("robot-2", "offline", "2 h 5 min ago", "2 h 4 min ago", "977"),
                List.of("robot-3", "offline", "never", "never", "0")), console.tableRows());
    }

    @Test
    public void namedRobotsOnlyAndUnknownNamesReported() {
        RobotList command = robotList(ROBOTS);
        command.only = List.of("robot-2", "robot-9");

        console.run(command);

        assertEquals(1, console.tableRows().size());
        assertEquals("robot-2", console.tableRows().get(0).get(0));
        assertEquals(List.of("no robot robot-9 has been seen"), console.errLines());
        assertEquals(1, console.exitStatus());
    }

    @Test
    public void noRobotsYetSaysSo() {
        console.run(robotList(List.of()));
        assertEquals("no robots seen yet", console.outLines().get(2));
    }

    @Test
    public void withoutTheMqttBundleSaysWhatIsMissing() {
        console.run(robotList(null));
        assertEquals("", console.out());
        assertEquals(List.of("robot registry not available: is cogos-mqtt installed?"), console.errLines());
        assertEquals(1, console.exitStatus());
    }
}
