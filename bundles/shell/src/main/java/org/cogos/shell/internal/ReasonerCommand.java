package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.reasoning.Reasoner;

/** A {@code rabab:*} command: works on the RaBAB reasoner, and says how to load it when it is not there. */
abstract class ReasonerCommand extends CogAction {

    static final String NOT_LOADED = "the reasoning module is not loaded (cog:modprobe reasoning)";

    /**
     * Optional: the reasoner is registered only while the reasoning module is loaded, and without it these commands
     * must still be there to say so (and the other commands of this bundle must not wait for it).
     */
    @Reference(optional = true)
    Reasoner reasoner;

    @Override
    protected final void run(PrintStream out) throws CommandException {
        if (reasoner == null) {
            throw new CommandException(NOT_LOADED);
        }
        run(reasoner, out);
    }

    /** Runs the command on the reasoner, which is there. */
    protected abstract void run(Reasoner reasoner, PrintStream out) throws CommandException;
}
