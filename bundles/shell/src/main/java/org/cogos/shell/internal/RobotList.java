package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cogos.api.admin.RobotRegistry;
import org.cogos.api.admin.RobotStatus;

@Command(scope = "robot", name = "list",
        description = "Lists the robots cogos has heard of, online or offline, with their traffic.")
@Service
public class RobotList extends CogAction {

    @Argument(index = 0, name = "robots", description = "Only these robots", multiValued = true)
    @Completion(RobotNameCompleter.class)
    List<String> only;

    @Option(name = "--no-format", description = "Tab-separated rows without header, for scripts")
    boolean noFormat;

    /** Optional: the registry lives in cogos-mqtt, and the cog:* commands of this bundle must not wait for it. */
    @Reference(optional = true)
    RobotRegistry registry;

    Clock clock = Clock.systemUTC();

    @Override
    protected void run(PrintStream out, PrintStream err) {
        if (registry == null) {
            err.println("robot registry not available: is cogos-mqtt installed?");
            return;
        }
        List<RobotStatus> robots = registry.robots();
        if (only != null) {
            for (String id : only) {
                if (robots.stream().noneMatch(robot -> robot.robotId().equals(id))) {
                    err.println("no robot " + id + " has been seen");
                }
            }
            robots = robots.stream().filter(robot -> only.contains(robot.robotId())).toList();
            if (robots.isEmpty()) {
                return;
            }
        }
        RobotTable.of(robots, clock.millis()).print(out, !noFormat);
    }
}
