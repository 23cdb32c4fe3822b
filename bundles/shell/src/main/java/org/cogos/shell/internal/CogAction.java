package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.cogos.api.admin.ModuleException;

/**
 * Base of every cogos command: runs the command against two streams and turns a refusal ({@link ModuleException})
 * into its one-line message on the error stream, so an operator never sees a stack trace for an expected failure.
 */
abstract class CogAction implements Action {

    /**
     * Karaf binds {@code System.out} and {@code System.err} of the thread running a command to that command's
     * session (local console or ssh), which is where Karaf's own commands print too.
     */
    @Override
    public final Object execute() {
        return execute(System.out, System.err);
    }

    /** Runs the command printing to the given streams; the shell calls it with the session's, tests with their own. */
    final Object execute(PrintStream out, PrintStream err) {
        try {
            run(out, err);
        } catch (ModuleException e) {
            err.println(e.getMessage());
        }
        return null;
    }

    protected abstract void run(PrintStream out, PrintStream err) throws ModuleException;
}
