package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditTrail;

/**
 * Base of every cogos command. A failure — a refusal of the module manager ({@link ModuleException}), bad input,
 * a service that is not there — is a {@link CommandException}: Karaf prints its one-line message without a stack
 * trace, and {@code bin/client} and ssh exit with status 1, so a script sees that the command failed.
 *
 * <p>A command that changes something says what in {@link #auditTarget()}; it is then recorded in the audit trail
 * with who ran it and how it ended. A command the console refused never gets here: {@link CommandRefusalAuditor}
 * records those.
 */
abstract class CogAction implements Action {

    /** Optional: a command must still run, and say what it did, on a runtime without the audit trail. */
    @Reference(optional = true)
    AuditTrail audit;

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
        String target = auditTarget();
        try {
            run(out);
        } catch (ModuleException e) {
            audit(target, AuditOutcome.FAILED, e.getMessage());
            throw new CommandException(e.getMessage(), e);
        } catch (CommandException | RuntimeException e) {
            audit(target, AuditOutcome.FAILED, e.getMessage());
            throw e;
        }
        audit(target, AuditOutcome.OK, "");
    }

    protected abstract void run(PrintStream out) throws CommandException, ModuleException;

    /** What this invocation changes, for the audit trail; null for one that only shows (the default). */
    protected String auditTarget() {
        return null;
    }

    private void audit(String target, AuditOutcome outcome, String detail) {
        if (target != null && audit != null) {
            Command command = getClass().getAnnotation(Command.class);
            audit.record(Operators.current(), command.scope() + ":" + command.name(), target, outcome, detail);
        }
    }
}
