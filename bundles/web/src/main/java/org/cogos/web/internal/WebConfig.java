package org.cogos.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Parameters of the dashboard (PID {@value #PID}); the bounds are enforced by {@link WebOptions}. Where it listens
 * is Pax Web's ({@code etc/org.ops4j.pax.web.cfg}: 127.0.0.1:8181 in the distribution).
 */
@ObjectClassDefinition(id = WebConfig.PID, name = "cogos web dashboard",
        description = "The live dashboard at /cogos: who may log in with which roles, and how often it updates.")
public @interface WebConfig {

    String PID = "org.cogos.web";

    String SESSION_MINUTES_MIN = "1";
    String SESSION_MINUTES_MAX = "1440";
    String PUSH_INTERVAL_MS_MIN = "100";
    String PUSH_INTERVAL_MS_MAX = "10000";
    String MAX_STREAMS_MIN = "1";
    String MAX_STREAMS_MAX = "256";
    String EVENT_LINES_MIN = "1";
    String EVENT_LINES_MAX = "1000";
    String ACTIONS_SHOWN_MIN = "1";
    String ACTIONS_SHOWN_MAX = "500";

    @AttributeDefinition(name = "JAAS realm",
            description = "The realm logins are checked against; the console's is karaf (etc/users.properties).")
    String realm() default "karaf";

    @AttributeDefinition(name = "Viewer role", description = "A user with this role sees everything.")
    String viewerRole() default "viewer";

    @AttributeDefinition(name = "Operator role", description = "A user with this role also sets module parameters.")
    String operatorRole() default "operator";

    @AttributeDefinition(name = "Admin role",
            description = "A user with this role also inserts, removes and probes modules.")
    String adminRole() default "admin";

    @AttributeDefinition(name = "Session timeout (minutes)", min = SESSION_MINUTES_MIN, max = SESSION_MINUTES_MAX,
            description = "A login with no request for this long must log in again.")
    int sessionMinutes() default 30;

    @AttributeDefinition(name = "Push interval (ms)", min = PUSH_INTERVAL_MS_MIN, max = PUSH_INTERVAL_MS_MAX,
            description = "How often open pages are sent what changed.")
    int pushIntervalMs() default 500;

    @AttributeDefinition(name = "Maximum live pages", min = MAX_STREAMS_MIN, max = MAX_STREAMS_MAX,
            description = "Open live pages (event streams) at once; more are refused with 503. Each holds a thread.")
    int maxStreams() default 16;

    @AttributeDefinition(name = "Event lines", min = EVENT_LINES_MIN, max = EVENT_LINES_MAX,
            description = "Module events (dmesg) and audit records a page is sent when it opens.")
    int eventLines() default 100;

    @AttributeDefinition(name = "Actions shown", min = ACTIONS_SHOWN_MIN, max = ACTIONS_SHOWN_MAX,
            description = "A robot's most recent actions its page lists (from the coordinator's actionHistory).")
    int actionsShown() default 30;
}
