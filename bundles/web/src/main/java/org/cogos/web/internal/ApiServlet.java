package org.cogos.web.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.cogos.api.Action;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditTrail;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's calls under {@code /cogos/api/}: what the pages read when they open (the live stream sends the
 * rest) and the changes they make. Every change is checked against the user's {@link Access} here, on the server,
 * whatever the page showed, and recorded in the audit trail with the user and how it ended, as the console's are.
 *
 * <pre>
 * GET  /api/me                          the user and what they may do
 * GET  /api/modules                     cog:lsmod, with the modalities no module serves
 * GET  /api/modules/NAME/params         cog:param NAME
 * POST /api/modules/NAME/params         {"key":K,"value":V}    operator    cog:param NAME K V
 * POST /api/modules/NAME/rmmod          {"force":false}        admin       cog:rmmod [--force] NAME
 * POST /api/modules/modprobe            {"name":N}             admin       cog:modprobe N
 * POST /api/modules/insmod              {"location":URL}       admin       cog:insmod URL
 * GET  /api/robots                      robot:list
 * GET  /api/robots/ID                   robot:scene ID, its recent actions and newest scan
 * GET  /api/actions/ID                  cog:explain ID
 * GET  /api/events                      cog:dmesg
 * GET  /api/audit                       cog:audit
 * </pre>
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/*",
    "osgi.http.whiteboard.servlet.name=cogos-web-api",
    "osgi.http.whiteboard.context.select=" + DashboardContext.SELECT})
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    @Reference
    private transient Dashboard dashboard;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebUser user = (WebUser) request.getAttribute(WebUser.ATTRIBUTE);
        String[] path = segments(request);
        WebOptions current = dashboard.options();
        try {
            Object body = switch (path.length == 0 ? "" : path[0]) {
                case "me" -> Views.me(user, current);
                case "modules" -> path.length == 1 ? Views.modules(require(dashboard.modules(), "runtime"))
                        : path.length == 3 && path[2].equals("params")
                                ? require(dashboard.modules(), "runtime").params(path[1]) : null;
                case "robots" -> path.length == 1 ? require(dashboard.robots(), "mqtt").robots()
                        : path.length == 2 ? Views.robot(path[1], dashboard.scenes(), dashboard.scans(), current.actionsShown()) : null;
                case "actions" -> path.length == 2 ? action(path[1]) : null;
                case "events" -> require(dashboard.events(), "runtime").recent(current.eventLines());
                case "audit" -> Views.audit(require(dashboard.audit(), "runtime").recent(current.eventLines()));
                default -> null;
            };
            if (body == null) {
                Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "no such call: GET " + request.getRequestURI());
            } else {
                Responses.json(response, HttpServletResponse.SC_OK, body);
            }
        } catch (Missing e) {
            Responses.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        } catch (ModuleException e) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebUser user = (WebUser) request.getAttribute(WebUser.ATTRIBUTE);
        String[] path = segments(request);
        Change change;
        try {
            change = change(path, request);
        } catch (IllegalArgumentException e) {
            Responses.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        if (change == null) {
            Responses.error(response, HttpServletResponse.SC_NOT_FOUND, "no such call: POST " + request.getRequestURI());
            return;
        }
        if (!user.may(change.needs())) {
            String why = "needs the " + roleFor(change.needs()) + " role";
            LOG.warn("dashboard: {} may not {} {}: {}", user.name(), change.action(), change.target(), why);
            record(user, change, AuditOutcome.REFUSED, why);
            Responses.error(response, HttpServletResponse.SC_FORBIDDEN, user.name() + " may not " + change.action()
                    + ": " + why);
            return;
        }
        try {
            String done = change.run().call(require(dashboard.modules(), "runtime"));
            LOG.info("dashboard: {} {} {}: {}", user.name(), change.action(), change.target(), done);
            record(user, change, AuditOutcome.OK, "");
            Responses.json(response, HttpServletResponse.SC_OK, Map.of("done", done));
        } catch (ModuleException | Missing | IllegalArgumentException e) {
            record(user, change, AuditOutcome.FAILED, e.getMessage());
            Responses.error(response, e instanceof Missing ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
                    : HttpServletResponse.SC_CONFLICT, e.getMessage());
        }
    }

    /** A change the dashboard can ask for: the access it needs, what the audit trail calls it, and how it is done. */
    private record Change(Access needs, String action, String target, Work run) {
    }

    @FunctionalInterface
    private interface Work {
        String call(ModuleManager modules) throws ModuleException;
    }

    private static Change change(String[] path, HttpServletRequest request) throws IOException {
        if (path.length < 2 || !path[0].equals("modules")) {
            return null;
        }
        JsonNode body = body(request);
        if (path.length == 2 && path[1].equals("insmod")) {
            String location = text(body, "location");
            return new Change(Access.LOAD_MODULES, "web:insmod", location,
                    m -> "inserted module " + m.insmod(location));
        }
        if (path.length == 2 && path[1].equals("modprobe")) {
            String name = text(body, "name");
            return new Change(Access.LOAD_MODULES, "web:modprobe", name, m -> {
                m.modprobe(name);
                return "probed module " + name;
            });
        }
        if (path.length == 3 && path[2].equals("rmmod")) {
            String name = path[1];
            boolean force = body.path("force").asBoolean(false);
            return new Change(Access.LOAD_MODULES, "web:rmmod", force ? name + " --force" : name, m -> {
                m.rmmod(name, force);
                return "removed module " + name;
            });
        }
        if (path.length == 3 && path[2].equals("params")) {
            String name = path[1];
            String key = text(body, "key");
            String value = text(body, "value");
            return new Change(Access.SET_PARAMS, "web:param", name + " " + key + "=" + value, m -> {
                m.setParam(name, key, value);
                return name + "." + key + " = " + value;
            });
        }
        return null;
    }

    private Action action(String actionId) throws Missing {
        return require(dashboard.scenes(), "coordinator").action(actionId).orElse(null);
    }

    private String roleFor(Access access) {
        WebOptions current = dashboard.options();
        return access == Access.LOAD_MODULES ? current.adminRole()
                : access == Access.SET_PARAMS ? current.operatorRole() : current.viewerRole();
    }

    private void record(WebUser user, Change change, AuditOutcome outcome, String detail) {
        AuditTrail trail = dashboard.audit();
        if (trail != null) {
            trail.record(user.name(), change.action(), change.target(), outcome, detail);
        }
    }

    private static String[] segments(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.equals("/")) {
            return new String[0];
        }
        return info.substring(1).split("/", -1);
    }

    /** The request's JSON object; an empty body is an empty object, anything else that is no object an error. */
    private static JsonNode body(HttpServletRequest request) throws IOException {
        JsonNode body;
        try {
            body = Responses.JSON.readTree(request.getInputStream());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || body.isMissingNode()) {
            return Responses.JSON.createObjectNode();
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return value.asText();
    }

    private static <T> T require(T service, String module) throws Missing {
        if (service == null) {
            throw new Missing("not available: the " + module + " module is not running");
        }
        return service;
    }

    /** A service the call needs is not there (its module is removed or restarting). */
    private static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }
}
