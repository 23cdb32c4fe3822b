package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.ModuleException;

/**
 * Base of every cogos command. A failure — a refusal of the module manager ({@link ModuleException}), bad input,
 * a service that is not there — is a {@link CommandException}: Karaf prints its one-line message without a stack
 * trace, and {@code bin/client} and ssh exit with status 1, so a script sees that the command failed.
 */
abstract class CogAction implements Action {

    /**
     * Karaf binds {@code System.out} of the thread running a command to that command's session (local console or
     * ssh), which is where Karaf's own commands print too.
     */
    @Override
    public final Object execute() throws CommandException {
        execute(System.out);
        return null;
    }

    /** Runs the command printing to the given stream; the shell calls it with the session's, tests with their own. */
    final void execute(PrintStream out) throws CommandException {
        try {
            run(out);
        } catch (ModuleException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    protected abstract void run(PrintStream out) throws CommandException, ModuleException;
}
