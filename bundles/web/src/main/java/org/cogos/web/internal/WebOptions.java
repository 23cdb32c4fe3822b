package org.cogos.web.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.web.internal.WebConfig.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The dashboard's parameters, checked against the bounds declared in {@link WebConfig}: Config Admin does not
 * enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.web.cfg} is checked here.
 */
record WebOptions(String realm, String viewerRole, String operatorRole, String adminRole, int sessionMinutes,
        int pushIntervalMs, int maxStreams, int eventLines, int actionsShown) {

    WebOptions {
        requireText("realm", realm);
        requireText("viewerRole", viewerRole);
        requireText("operatorRole", operatorRole);
        requireText("adminRole", adminRole);
        within(PID, "sessionMinutes", sessionMinutes, SESSION_MINUTES_MIN, SESSION_MINUTES_MAX);
        within(PID, "pushIntervalMs", pushIntervalMs, PUSH_INTERVAL_MS_MIN, PUSH_INTERVAL_MS_MAX);
        within(PID, "maxStreams", maxStreams, MAX_STREAMS_MIN, MAX_STREAMS_MAX);
        within(PID, "eventLines", eventLines, EVENT_LINES_MIN, EVENT_LINES_MAX);
        within(PID, "actionsShown", actionsShown, ACTIONS_SHOWN_MIN, ACTIONS_SHOWN_MAX);
    }

    static WebOptions from(WebConfig config) {
        return new WebOptions(config.realm(), config.viewerRole(), config.operatorRole(), config.adminRole(),
                config.sessionMinutes(), config.pushIntervalMs(), config.maxStreams(), config.eventLines(),
                config.actionsShown());
    }

    /**
     * What a user with these JAAS roles may do. Each role brings the rights of those below it, as the console's
     * groups do (docs/security.md "Operator roles"); a user with none of the three may not use the dashboard.
     */
    Set<Access> access(Set<String> roles) {
        Set<Access> access = EnumSet.noneOf(Access.class);
        if (roles.contains(adminRole)) {
            access.addAll(EnumSet.allOf(Access.class));
        }
        if (roles.contains(operatorRole)) {
            access.add(Access.SET_PARAMS);
            access.add(Access.VIEW);
        }
        if (roles.contains(viewerRole)) {
            access.add(Access.VIEW);
        }
        return access;
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PID + "." + key + " must not be empty");
        }
    }
}
