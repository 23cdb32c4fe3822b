package org.cogos.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.reasoning.PredicateInfo;
import org.cogos.api.reasoning.Reasoner;

@Command(scope = "rabab", name = "predicates",
        description = "Lists the reasoner's predicates in registration order: signature, version, reliability,"
                + " evaluations and definition.")
@Service
public class Predicates extends ReasonerCommand {

    /** Definitions longer than this are cut in the formatted table unless -v, so the table fits a terminal. */
    static final int MAX_DEFINITION = 60;

    @Option(name = "-v", aliases = "--verbose", description = "Show whole definitions (they are cut at "
            + MAX_DEFINITION + " characters otherwise)")
    boolean verbose;

    @Option(name = "--no-format", description = "Tab-separated rows without header, whole definitions, for scripts")
    boolean noFormat;

    @Override
    protected void run(Reasoner reasoner, PrintStream out) {
        // Scripts get whole definitions: a cut one would look like a (wrong) rule.
        table(reasoner.predicates(), verbose || noFormat ? Integer.MAX_VALUE : MAX_DEFINITION).print(out, !noFormat);
    }

    static ShellTable table(List<PredicateInfo> predicates, int maxDefinition) {
        ShellTable table = new ShellTable().emptyTableText("no predicates registered");
        table.column("Name");
        table.column("Signature");
        table.column("Version").alignRight();
        table.column("Neural");
        table.column("Reliability").alignRight();
        table.column("Succ/Fail").alignRight();
        table.column("Evaluations").alignRight();
        table.column("Holds").alignRight();
        table.column("Definition");
        for (PredicateInfo p : predicates) {
            table.addRow().addContent(p.name(), p.signature(), p.version(), p.neural() ? "yes" : "no",
                    String.format(Locale.ROOT, "%.2f", p.reliability()), p.successes() + "/" + p.failures(),
                    p.evaluations(), p.holds(), Units.cut(Units.oneLine(p.definition()), maxDefinition));
        }
        return table;
    }
}
