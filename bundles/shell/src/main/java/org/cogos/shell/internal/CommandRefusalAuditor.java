package org.cogos.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditTrail;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Records in the audit trail every console command line refused for want of a role (Karaf's command ACLs throw a
 * {@link SecurityException} before the command runs, so the command cannot record it itself). Karaf's shell calls
 * its listeners on the thread that ran the line, inside the session's login: {@link Operators#current()} is the user.
 */
@Component(service = CommandSessionListener.class)
public final class CommandRefusalAuditor implements CommandSessionListener {

    @Reference
    AuditTrail audit;

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        // only the outcome matters
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SecurityException) {
                audit.record(Operators.current(), "command", command.toString().strip(), AuditOutcome.REFUSED,
                        cause.getMessage());
                return;
            }
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // allowed: the commands that change something record themselves (CogAction)
    }
}
