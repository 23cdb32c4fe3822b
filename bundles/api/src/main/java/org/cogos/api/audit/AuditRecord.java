package org.cogos.api.audit;

import java.time.Instant;

/**
 * One record of the audit trail.
 *
 * @param seq     its place in the trail, from 1, one more than the record before it
 * @param time    when it was recorded
 * @param actor   who: a console user, {@code robot:<id>} for a robot on the embedded broker, or {@code cogos}
 * @param action  what was done or tried, e.g. {@code cog:rmmod}, {@code login}, {@code mqtt:publish}
 * @param target  what it was done to: a module, a robot, a topic, a command line; empty when nothing in particular
 * @param outcome how it ended
 * @param detail  why, or anything else worth keeping; empty when there is nothing to add
 */
public record AuditRecord(long seq, Instant time, String actor, String action, String target, AuditOutcome outcome,
        String detail) {
}
