package org.cogos.api.audit;

/** How an audited operation ended. */
public enum AuditOutcome {
    /** Done as asked. */
    OK,
    /** Not allowed: a role, an ACL, a password or a signature said no. */
    REFUSED,
    /** Allowed, tried, and failed (the detail says why). */
    FAILED
}
