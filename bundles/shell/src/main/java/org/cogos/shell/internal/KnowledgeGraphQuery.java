package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.reasoning.KnowledgeEdge;
import org.cogos.api.reasoning.KnowledgePath;
import org.cogos.api.reasoning.Reasoner;

@Command(scope = "rabab", name = "kg",
        description = "Queries the reasoner's knowledge graph: the edges matching a pattern, strongest first, or with"
                + " --from the nodes reachable from one node with their strongest path.")
@Service
public class KnowledgeGraphQuery extends ReasonerCommand {

    static final int MAX_LIMIT = 10_000;
    static final int MAX_DEPTH = 10;
    static final int DEFAULT_DEPTH = 2;

    @Option(name = "-s", aliases = "--subject", description = "Only edges from this node")
    String subject;

    @Option(name = "-r", aliases = "--relation", description = "Only edges of this relation")
    String relation;

    @Option(name = "-o", aliases = "--object", description = "Only edges to this node")
    String object;

    @Option(name = "--min", description = "Leave out edges weaker than this, 0..1")
    double min;

    @Option(name = "--limit", description = "Show at most this many rows, 1.." + MAX_LIMIT)
    int limit = 50;

    @Option(name = "--from", description = "Traverse from this node instead of listing edges")
    String from;

    /** Null unless given, so that --depth without --from can be refused rather than ignored. */
    @Option(name = "--depth", description = "With --from: follow at most this many edges, 1.." + MAX_DEPTH,
            valueToShowInHelp = "" + DEFAULT_DEPTH)
    Integer depth;

    @Option(name = "--no-format", description = "Tab-separated rows without header, for scripts")
    boolean noFormat;

    Clock clock = Clock.systemUTC();

    @Override
    protected void run(Reasoner reasoner, PrintStream out) throws CommandException {
        String invalid = invalidOptions();
        if (invalid != null) {
            throw new CommandException(invalid);
        }
        try {
            ShellTable table = from == null
                    ? edges(reasoner.knowledge(subject, relation, object, min, limit), clock.millis())
                    : paths(from, reasoner.traverse(from, depth == null ? DEFAULT_DEPTH : depth, min), limit);
            table.print(out, !noFormat);
        } catch (IllegalArgumentException e) {
            // The reasoner validates too (an unknown node, say): its message is the one line to show.
            throw new CommandException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }

    /** @return the first problem with the options as one line naming the bad value, or null when they are fine */
    private String invalidOptions() {
        if (limit < 1 || limit > MAX_LIMIT) {
            return "--limit must be within 1.." + MAX_LIMIT + ", got " + limit;
        }
        if (!(min >= 0 && min <= 1)) {
            return "--min must be within 0..1, got " + min;
        }
        if (depth != null && from == null) {
            return "--depth applies to a traversal: give --from NODE too";
        }
        if (depth != null && (depth < 1 || depth > MAX_DEPTH)) {
            return "--depth must be within 1.." + MAX_DEPTH + ", got " + depth;
        }
        if (from != null && (subject != null || relation != null || object != null)) {
            return "--from traverses from one node and takes no --subject, --relation or --object";
        }
        String empty = isBlank(from) ? "--from" : isBlank(subject) ? "--subject" : isBlank(relation) ? "--relation"
                : isBlank(object) ? "--object" : null;
        return empty == null ? null : empty + " must not be empty";
    }

    private static boolean isBlank(String pattern) {
        return pattern != null && pattern.isBlank();
    }

    static ShellTable edges(List<KnowledgeEdge> edges, long nowMillis) {
        ShellTable table = new ShellTable().emptyTableText("no edges match");
        table.column("Subject");
        table.column("Relation");
        table.column("Object");
        table.column("Strength").alignRight();
        table.column("Updates").alignRight();
        table.column("Last updated").alignRight();
        for (KnowledgeEdge edge : edges) {
            table.addRow().addContent(edge.subject(), edge.relation(), edge.object(), strength(edge.strength()),
                    edge.updates(), Units.ago(edge.lastUpdatedMillis(), nowMillis));
        }
        return table;
    }

    /** The strongest {@code limit} of the paths from {@code start}, which the reasoner gives strongest first. */
    static ShellTable paths(String start, List<KnowledgePath> paths, int limit) {
        ShellTable table = new ShellTable().emptyTableText("nothing reachable from " + start);
        table.column("Node");
        table.column("Strength").alignRight();
        table.column("Path");
        for (KnowledgePath path : paths.subList(0, Math.min(limit, paths.size()))) {
            table.addRow().addContent(path.node(), strength(path.strength()), String.join(" → ", path.path()));
        }
        return table;
    }

    private static String strength(double strength) {
        return String.format(Locale.ROOT, "%.3f", strength);
    }
}
