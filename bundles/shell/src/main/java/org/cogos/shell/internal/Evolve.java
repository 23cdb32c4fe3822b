package org.cogos.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.reasoning.PredicateInfo;
import org.cogos.api.reasoning.Reasoner;

@Command(scope = "rabab", name = "evolve",
        description = "Registers a predicate or replaces the one of the same name, live, e.g. rabab:evolve"
                + " 'person_in_reach(e: Entity) := e.label == \"person\" and e.distance <= 3'. Quote the definition"
                + " with single quotes: unquoted, the console drops double quotes and reads < and > itself.")
@Service
public class Evolve extends ReasonerCommand {

    /** Several words are joined with spaces, so that an unquoted definition split by the console still arrives. */
    @Argument(index = 0, name = "definition", description = "The predicate in the rule language: name(params) := body",
            required = true, multiValued = true)
    List<String> definition;

    @Override
    protected String auditTarget() {
        return String.join(" ", definition).strip();
    }

    @Override
    protected void run(Reasoner reasoner, PrintStream out) throws CommandException {
        String text = String.join(" ", definition).strip();
        if (text.isEmpty()) {
            throw new CommandException("the definition is empty: give name(params) := body");
        }
        PredicateInfo evolved;
        try {
            evolved = reasoner.evolvePredicate(text);
        } catch (IllegalArgumentException e) {
            // The reasoner's message names the problem (parse or type error, or the predicate it would break).
            throw new CommandException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
        out.println("predicate " + evolved.name() + " is now version " + evolved.version() + ": "
                + Units.oneLine(evolved.definition()));
    }
}
