package org.cogos.web.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The dashboard's servlet context at {@value #PATH}: static pages from this bundle's {@code /web} folder, and the
 * security every request goes through before any servlet or page. Only the login page, its stylesheet and the
 * login itself are open; everything else needs a session a login made, else a page is redirected to the login
 * and a call answered 401. A call that changes something must be JSON with no foreign {@code Origin}: a page of
 * another site can neither send that without the browser asking first (CORS), nor read the answer.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE, property = {
    "osgi.http.whiteboard.context.name=" + DashboardContext.NAME,
    "osgi.http.whiteboard.context.path=" + DashboardContext.PATH})
public final class DashboardContext extends ServletContextHelper {

    static final String NAME = "cogos-web";
    static final String PATH = "/cogos";
    /** Selects this context, for the servlets and resources of the dashboard. */
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private static final Set<String> OPEN = Set.of("/login.html", "/login.js", "/login", "/style.css");

    @Activate
    public DashboardContext(ComponentContext context) {
        super(context.getUsingBundle());
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = pathOf(request);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'");
        response.setHeader("Cache-Control", "no-store");
        if (path.isEmpty() || path.equals("/")) {
            response.sendRedirect(request.getContextPath() + "/index.html");
            return false;
        }
        if (OPEN.contains(path)) {
            return true;
        }
        HttpSession session = request.getSession(false);
        WebUser user = session == null ? null : (WebUser) session.getAttribute(WebUser.SESSION_ATTRIBUTE);
        if (user == null) {
            if (path.startsWith("/api/")) {
                Responses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "log in first (POST /cogos/login)");
            } else {
                response.sendRedirect(request.getContextPath() + "/login.html");
            }
            return false;
        }
        if (changes(request) && !sameOriginJson(request)) {
            Responses.error(response, HttpServletResponse.SC_FORBIDDEN,
                    "a change must be sent as application/json from the dashboard's own pages");
            return false;
        }
        request.setAttribute(WebUser.ATTRIBUTE, user);
        request.setAttribute(REMOTE_USER, user.name());
        request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.FORM_AUTH);
        return true;
    }

    /** The path below the context, before any servlet is chosen (so {@code getServletPath} is not yet known). */
    static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean changes(HttpServletRequest request) {
        String method = request.getMethod();
        return !method.equals("GET") && !method.equals("HEAD");
    }

    private static boolean sameOriginJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            return request.getServerName().equalsIgnoreCase(uri.getHost()) && request.getServerPort() == port(uri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
