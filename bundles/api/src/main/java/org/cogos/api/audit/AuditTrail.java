package org.cogos.api.audit;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit trail: an append-only file where every record carries the hash of the one before it, so that a
 * record changed or removed afterwards breaks the chain and {@link #verify()} names where (docs/security.md says
 * what this can and cannot detect).
 */
@ProviderType
public interface AuditTrail {

    /**
     * Appends a record and forces it to disk. Never throws: an operation already done cannot be undone because its
     * record could not be written; such a loss is logged at ERROR and counted in {@link #lostRecords()}.
     *
     * @param actor  who (see {@link AuditRecord#actor()})
     * @param action what
     * @param target to what; empty or null for nothing in particular
     * @param detail why, or null
     */
    void record(String actor, String action, String target, AuditOutcome outcome, String detail);

    /** The newest records, oldest first, at most {@code max}. */
    List<AuditRecord> recent(int max);

    /** Reads every kept record and checks the chain. */
    AuditVerification verify();

    /** Records that could not be written since cogos started. */
    long lostRecords();
}
