package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cogos.api.admin.ModuleEvent;
import org.cogos.api.admin.ModuleEventLog;

@Command(scope = "cog", name = "dmesg", description = "Prints the module event log, oldest first (like dmesg).")
@Service
public class Dmesg extends CogAction {

    @Option(name = "-n", aliases = "--lines", description = "Show only the N newest events (after the level filter)",
            valueToShowInHelp = "all")
    int lines = Integer.MAX_VALUE;

    @Option(name = "-l", aliases = "--level", description = "Only these levels, comma-separated: info,warn,error")
    @Completion(value = StringsCompleter.class, values = {"info", "warn", "error"})
    String levels;

    @Option(name = "--iso", description = "Wall-clock time in ISO 8601 instead of seconds since the first event shown")
    boolean iso;

    @Reference
    ModuleEventLog events;

    /** The zone ISO times are shown in. */
    ZoneId zone = ZoneId.systemDefault();

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (lines < 1) {
            throw new CommandException("-n must be at least 1, got " + lines);
        }
        List<ModuleEvent> shown = events.recent(levels == null ? lines : Integer.MAX_VALUE);
        if (levels != null) {
            Set<String> wanted = Arrays.stream(levels.split(","))
                    .map(level -> level.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            List<ModuleEvent> matching = shown.stream()
                    .filter(event -> wanted.contains(event.level().toLowerCase(Locale.ROOT))).toList();
            shown = matching.subList(Math.max(0, matching.size() - lines), matching.size());
        }
        (iso ? DmesgLines.iso(shown, zone) : DmesgLines.relative(shown)).forEach(out::println);
    }
}
