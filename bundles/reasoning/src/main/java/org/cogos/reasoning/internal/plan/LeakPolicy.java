package org.cogos.reasoning.internal.plan;

/** What closing a lease does about tokens nobody consumed or released. */
public enum LeakPolicy {
    /** Count and log the leak; resources go back to the pool. */
    REPORT,
    /** Count, log, give the resources back, then throw {@link IllegalStateException}: for tests and development. */
    STRICT
}
