package org.cogos.web.internal;

import org.osgi.service.component.annotations.Component;

/**
 * The dashboard's pages, scripts and stylesheet, served by the HTTP Whiteboard from this bundle's {@code /web}
 * folder: plain HTML and ES modules the browser loads as they are, so there is no build step and nothing fetched
 * from anywhere but cogos. Servlets with longer patterns ({@code /api/*}, {@code /login}) take precedence.
 */
@Component(service = DashboardResources.class, property = {
    "osgi.http.whiteboard.resource.pattern=/*",
    "osgi.http.whiteboard.resource.prefix=/web",
    "osgi.http.whiteboard.context.select=" + DashboardContext.SELECT})
public final class DashboardResources {
}
