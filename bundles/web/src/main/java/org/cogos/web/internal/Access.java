package org.cogos.web.internal;

/** What a dashboard user may do; the console's ACLs draw the same lines (docs/security.md "Operator roles"). */
enum Access {
    /** See modules, robots, scenes, actions, module events and the audit trail. */
    VIEW,
    /** Set a module's parameters ({@code cog:param MODULE KEY VALUE}). */
    SET_PARAMS,
    /** Insert, remove and probe modules ({@code cog:insmod}, {@code rmmod}, {@code modprobe}). */
    LOAD_MODULES
}
