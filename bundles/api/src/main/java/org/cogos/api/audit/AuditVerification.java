package org.cogos.api.audit;

import java.util.List;

/**
 * What {@code cog:audit --verify} found.
 *
 * @param records  records checked, in every file of the trail that is kept
 * @param firstSeq the oldest record kept (older ones were rotated away), 0 when the trail is empty
 * @param lastSeq  the newest record, 0 when the trail is empty
 * @param problems one line per break in the chain: a record changed, removed or added; empty when intact
 */
public record AuditVerification(long records, long firstSeq, long lastSeq, List<String> problems) {

    public AuditVerification {
        problems = List.copyOf(problems);
    }

    /** Whether every record kept is as it was written. */
    public boolean intact() {
        return problems.isEmpty();
    }
}
