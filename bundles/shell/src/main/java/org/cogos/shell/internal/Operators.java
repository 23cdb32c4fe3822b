package org.cogos.shell.internal;

import java.security.AccessController;
import java.security.Principal;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** Who is running the current command, for the audit trail. */
final class Operators {

    /** Shown for a command run outside a login, e.g. by a script Karaf runs itself. */
    static final String UNKNOWN = "(no login)";

    private Operators() {
    }

    /**
     * The console user of this thread: Karaf runs each console session (local, ssh, bin/client) as its logged-in
     * JAAS subject, the same one its command ACLs check the roles of.
     */
    @SuppressWarnings("removal") // Subject.current() replaces it from Java 18; cogos runs on 17, as Karaf's ACLs do
    static String current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return UNKNOWN;
        }
        return subject.getPrincipals(UserPrincipal.class).stream().map(Principal::getName).findFirst()
                .orElse(UNKNOWN);
    }
}
