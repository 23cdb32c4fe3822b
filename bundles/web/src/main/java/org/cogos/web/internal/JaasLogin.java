package org.cogos.web.internal;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AccountException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a name and password against a Karaf JAAS realm, the one the console logs in through, and returns the
 * user's roles. Karaf's realms are reached through its {@link ProxyLoginModule}, which JAAS loads by name with the
 * thread's context class loader: it must be the loader that sees Karaf's JAAS boot classes, not this bundle's
 * (what Karaf's own web console does for its Basic login).
 */
final class JaasLogin {

    private static final Logger LOG = LoggerFactory.getLogger(JaasLogin.class);

    private JaasLogin() {
    }

    /** @return the user's role names, or empty when the realm refused the name and password */
    static Optional<Set<String>> authenticate(String realm, String user, char[] password) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ProxyLoginModule.class.getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext login = new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password));
            login.login();
            Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                    .collect(Collectors.toUnmodifiableSet());
            // The session keeps the user and roles, not the Subject: nothing to log out of in the realm later.
            login.logout();
            return Optional.of(roles);
        } catch (FailedLoginException | AccountException e) {
            return Optional.empty();
        } catch (LoginException e) {
            // Not a wrong password: a missing realm or a broken login module. Refuse, and tell the operator.
            LOG.warn("login of {} through JAAS realm {} failed: {}", user, realm, e.toString());
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void answer(Callback[] callbacks, String user, char[] password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }
}
