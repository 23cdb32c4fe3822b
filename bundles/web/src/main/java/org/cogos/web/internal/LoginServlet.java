package org.cogos.web.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditTrail;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /cogos/login} (the login page's form: {@code user}, {@code password}) checks the name and password
 * against the JAAS realm and starts a session that carries what the user may do; {@code POST /cogos/logout} ends
 * it. Both are recorded in the audit trail, as the console's logins are. A form, not Basic authentication: the
 * browser's EventSource, which carries the live updates, cannot send an Authorization header but sends cookies.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/login",
    "osgi.http.whiteboard.servlet.pattern=/logout",
    "osgi.http.whiteboard.servlet.name=cogos-web-login",
    "osgi.http.whiteboard.context.select=" + DashboardContext.SELECT})
public final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoginServlet.class);

    @Reference
    private transient Dashboard dashboard;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (DashboardContext.pathOf(request).equals("/logout")) {
            logout(request, response);
            return;
        }
        String user = request.getParameter("user");
        String password = request.getParameter("password");
        if (user == null || user.isBlank() || password == null) {
            response.sendRedirect("login.html?failed");
            return;
        }
        WebOptions current = dashboard.options();
        char[] secret = password.toCharArray();
        Optional<Set<String>> roles;
        try {
            roles = JaasLogin.authenticate(current.realm(), user, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        Set<Access> access = roles.map(current::access).orElse(Set.of());
        if (!access.contains(Access.VIEW)) {
            String why = roles.isEmpty() ? "wrong user or password" : "none of the dashboard's roles";
            LOG.warn("dashboard login of {} refused from {}: {}", user, request.getRemoteAddr(), why);
            record(user, "web login", AuditOutcome.REFUSED, why + ", from " + request.getRemoteAddr());
            response.sendRedirect("login.html?failed");
            return;
        }
        // A new session id at login, so an id planted before it (session fixation) is worth nothing.
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval(current.sessionMinutes() * 60);
        session.setAttribute(WebUser.SESSION_ATTRIBUTE, new WebUser(user, access));
        LOG.info("dashboard login of {} from {}: {}", user, request.getRemoteAddr(), access);
        record(user, "web login", AuditOutcome.OK, "from " + request.getRemoteAddr());
        response.sendRedirect("index.html");
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            WebUser user = (WebUser) session.getAttribute(WebUser.SESSION_ATTRIBUTE);
            session.invalidate();
            if (user != null) {
                record(user.name(), "web logout", AuditOutcome.OK, "");
            }
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void record(String actor, String action, AuditOutcome outcome, String detail) {
        AuditTrail trail = dashboard.audit();
        if (trail != null) {
            trail.record(actor, action, "dashboard", outcome, detail);
        }
    }
}
