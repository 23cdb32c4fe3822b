package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
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
    protected void run(PrintStream out) throws CommandException {
        if (registry == null) {
            throw new CommandException("robot registry not available: is cogos-mqtt installed?");
        }
        List<RobotStatus> robots = registry.robots();
        if (only == null) {
            RobotTable.of(robots, clock.millis()).print(out, !noFormat);
            return;
        }
        // Like ls with names: the robots that were seen are listed, then the command fails for those that were not.
        List<RobotStatus> seen = robots.stream().filter(robot -> only.contains(robot.robotId())).toList();
        if (!seen.isEmpty()) {
            RobotTable.of(seen, clock.millis()).print(out, !noFormat);
        }
        List<String> unseen = only.stream()
                .filter(id -> robots.stream().noneMatch(robot -> robot.robotId().equals(id))).toList();
        if (!unseen.isEmpty()) {
            throw new CommandException(unseen.stream().map(id -> "no robot " + id + " has been seen")
                    .collect(Collectors.joining("; ")));
        }
    }
}
