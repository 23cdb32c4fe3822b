package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.Action;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.cogos.api.admin.SceneMonitor;

@Command(scope = "cog", name = "explain",
        description = "Explains a recent action: what was decided, by which engine, the rules that fired with their"
                + " reliability, and the facts (observations) they used.")
@Service
public class Explain extends CogAction {

    @Argument(index = 0, name = "action-id", description = "The action's id (as sent to the robot, and in robot:scene)",
            required = true)
    String actionId;

    @Option(name = "--no-format", description = "Tab-separated table rows without header, for scripts")
    boolean noFormat;

    /** Optional, as for robot:scene: the coordinator is a module of its own, and the cog:* commands must not wait. */
    @Reference(optional = true)
    SceneMonitor monitor;

    Clock clock = Clock.systemUTC();

    /** The zone the creation time is shown in. */
    ZoneId zone = ZoneId.systemDefault();

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (monitor == null) {
            throw new CommandException("no actions: the coordinator is not running (cog:modprobe coordinator)");
        }
        Optional<Action> found = monitor.action(actionId);
        if (found.isEmpty()) {
            throw new CommandException("no action " + actionId + " among the coordinator's recent actions (actionHistory)");
        }
        Action action = found.get();
        ModinfoLines.render(fields(action, clock.millis(), zone)).forEach(out::println);
        out.println("Rules that fired, the deciding one first:");
        rules(action.provenance()).print(out, !noFormat);
        out.println("Facts used:");
        facts(action.provenance()).print(out, !noFormat);
    }

    /** The action itself, one {@code key: value} line each, as cog:modinfo prints a module. */
    static List<ModinfoLines.Field> fields(Action action, long nowMillis, ZoneId zone) {
        return List.of(
                new ModinfoLines.Field("action", action.actionId()),
                new ModinfoLines.Field("robot", action.robotId()),
                new ModinfoLines.Field("type", action.type()),
                new ModinfoLines.Field("params", params(action.parameters())),
                new ModinfoLines.Field("created", Units.iso(action.createdMillis(), zone) + " ("
                        + Units.ago(action.createdMillis(), nowMillis) + ")"),
                new ModinfoLines.Field("scene", Long.toString(action.sceneSequence())),
                new ModinfoLines.Field("source seq", sequence(action.sourceSequence())),
                new ModinfoLines.Field("reason", Units.oneLine(action.reason())),
                new ModinfoLines.Field("engine", action.provenance().engine()));
    }

    static ShellTable rules(Provenance provenance) {
        ShellTable table = new ShellTable().emptyTableText("no rules recorded by " + provenance.engine());
        table.column("Rule");
        table.column("Version").alignRight();
        table.column("Reliability").alignRight();
        table.column("Successes").alignRight();
        table.column("Failures").alignRight();
        for (RuleUse rule : provenance.rules()) {
            table.addRow().addContent(rule.rule(), rule.version(), String.format(Locale.ROOT, "%.2f",
                    rule.reliability()), rule.successes(), rule.failures());
        }
        return table;
    }

    static ShellTable facts(Provenance provenance) {
        ShellTable table = new ShellTable().emptyTableText("no facts recorded by " + provenance.engine());
        table.column("Role");
        table.column("Modality");
        table.column("Module");
        table.column("Percept seq").alignRight();
        table.column("Source seq").alignRight();
        table.column("Label");
        table.column("Conf").alignRight();
        table.column("Statement");
        for (FactUse fact : provenance.facts()) {
            table.addRow().addContent(fact.role(), fact.modality(), fact.module().isEmpty() ? Units.UNKNOWN
                    : fact.module(), fact.perceptSequence(), sequence(fact.sourceSequence()), fact.label(),
                    String.format(Locale.ROOT, "%.2f", fact.confidence()), Units.oneLine(fact.statement()));
        }
        return table;
    }

    /** {@code key=value} sorted by key, so the line does not depend on the map's order. */
    private static String params(Map<String, Object> parameters) {
        return parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** A robot's sequence number; the api's -1 (the robot sent none) reads as unknown. */
    private static String sequence(long sequence) {
        return sequence >= 0 ? Long.toString(sequence) : Units.UNKNOWN;
    }
}
