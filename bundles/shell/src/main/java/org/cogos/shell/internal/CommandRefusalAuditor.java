package org.cogos.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditTrail;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Records in the audit trail every console command line refused for want of a role; the command cannot record it
 * itself, as Karaf's command ACLs refuse before it runs. They refuse in two ways: a command the user may run with
 * some arguments but not these fails with a {@link SecurityException}; a command the user may not run at all is
 * hidden from that user and fails as "Command not found", which Karaf gives for a mistyped name too: both are
 * recorded, the detail says so. Karaf's shell calls its listeners on the thread that ran the line, inside the
 * session's login: {@link Operators#current()} is the user.
 */
@Component(service = CommandSessionListener.class)
public final class CommandRefusalAuditor implements CommandSessionListener {

    @Reference
    AuditTrail audit;

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        // only the outcome matters
    }

    /** Gogo's message for a command that is not there or not visible to the user. */
    static final String NOT_FOUND = "Command not found: ";

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof SecurityException) {
                refused(command, message);
                return;
            }
            if (message.startsWith(NOT_FOUND)) {
                refused(command, message.substring(NOT_FOUND.length())
                        + " is not there, or not allowed for this user (Karaf hides what a user's roles forbid)");
                return;
            }
        }
    }

    private void refused(CharSequence command, String why) {
        audit.record(Operators.current(), "command", command.toString().strip(), AuditOutcome.REFUSED, why);
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // allowed: the commands that change something record themselves (CogAction)
    }
}
