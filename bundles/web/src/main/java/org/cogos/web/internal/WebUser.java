package org.cogos.web.internal;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Who is logged in to a dashboard session, and what they may do; kept in the HTTP session. */
record WebUser(String name, Set<Access> access) implements Serializable {

    /** The request attribute the context sets for the servlets, after the session was checked. */
    static final String ATTRIBUTE = "org.cogos.web.user";
    /** The HTTP session attribute a login sets. */
    static final String SESSION_ATTRIBUTE = "org.cogos.web.user";

    WebUser {
        access = Collections.unmodifiableSet(access.isEmpty() ? EnumSet.noneOf(Access.class) : EnumSet.copyOf(access));
    }

    boolean may(Access what) {
        return access.contains(what);
    }
}
