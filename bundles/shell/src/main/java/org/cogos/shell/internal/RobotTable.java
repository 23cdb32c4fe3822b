package org.cogos.shell.internal;

import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.admin.RobotStatus;

/** The {@code robot:list} table; times are shown relative to {@code nowMillis} ("2.1 s ago"). */
final class RobotTable {

    private RobotTable() {
    }

    static ShellTable of(List<RobotStatus> robots, long nowMillis) {
        ShellTable table = new ShellTable().emptyTableText("no robots seen yet");
        table.column("Robot");
        table.column("State");
        table.column("Last seen").alignRight();
        table.column("Status since").alignRight();
        table.column("Percepts").alignRight();
        for (RobotStatus robot : robots) {
            table.addRow().addContent(
                    robot.robotId(),
                    robot.online() ? "online" : "offline",
                    Units.ago(robot.lastSeenMillis(), nowMillis),
                    Units.ago(robot.statusMillis(), nowMillis),
                    robot.percepts());
        }
        return table;
    }
}
