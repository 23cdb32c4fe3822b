package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cogos.api.admin.EventLevel;
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
            Set<EventLevel> wanted = EnumSet.noneOf(EventLevel.class);
            for (String word : levels.split(",")) {
                wanted.add(EventLevel.of(word).orElseThrow(() -> new CommandException(
                        "-l takes levels info, warn, error; got '" + word.trim() + "'")));
            }
            List<ModuleEvent> matching = shown.stream().filter(event -> wanted.contains(event.level())).toList();
            shown = matching.subList(Math.max(0, matching.size() - lines), matching.size());
        }
        (iso ? DmesgLines.iso(shown, zone) : DmesgLines.relative(shown)).forEach(out::println);
    }
}
