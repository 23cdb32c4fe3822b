package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.Action;
import org.cogos.api.admin.DecidedScene;
import org.cogos.api.admin.SceneMonitor;

@Command(scope = "robot", name = "scene",
        description = "Shows a robot's newest scene: what each modality observed, and what was decided on it.")
@Service
public class RobotScene extends CogAction {

    @Argument(index = 0, name = "robot", description = "The robot", required = true)
    @Completion(RobotNameCompleter.class)
    String robot;

    @Option(name = "--no-format", description = "Tab-separated rows without header, for scripts")
    boolean noFormat;

    /** Optional: the coordinator is a module of its own, and this bundle's commands must not wait for it. */
    @Reference(optional = true)
    SceneMonitor monitor;

    Clock clock = Clock.systemUTC();

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (monitor == null) {
            throw new CommandException("no scenes: the coordinator is not running (cog:modprobe coordinator)");
        }
        Optional<DecidedScene> latest = monitor.latest(robot);
        if (latest.isEmpty()) {
            throw new CommandException("no scene of robot " + robot + " (not heard of, or forgotten after robotIdleMs)");
        }
        DecidedScene decided = latest.get();
        out.println("Scene " + decided.scene().sequence() + " of robot " + robot + ", fused "
                + Units.ago(decided.scene().timestampMillis(), clock.millis()) + ", triggered by "
                + (decided.scene().trigger() == null ? "-" : decided.scene().trigger().modality()));
        SceneTable.detections(decided).print(out, !noFormat);
        if (decided.engine() == null) {
            out.println("Decided: nothing, no decision engine was bound");
        } else if (decided.actions().isEmpty()) {
            out.println("Decided by " + decided.engine() + ": nothing");
        } else {
            out.println("Decided by " + decided.engine() + ":");
            for (Action action : decided.actions()) {
                out.println("  " + action.type() + " " + action.parameters() + " because " + action.reason());
            }
        }
    }
}
