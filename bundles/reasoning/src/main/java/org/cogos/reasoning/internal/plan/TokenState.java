package org.cogos.reasoning.internal.plan;

/** Where a {@link LinearResource} is in its life. Every token ends in exactly one of the last three. */
public enum TokenState {
    /** Granted and not yet used. */
    LIVE,
    /** Used once, by the consumer it names. */
    CONSUMED,
    /** Given back unused on purpose, e.g. its step was skipped. */
    RELEASED,
    /** Still live when its lease closed: a leak, reported; the token is dead. */
    LEAKED
}
