package org.cogos.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditTrail;
import org.cogos.api.audit.AuditVerification;

/** An audit trail in memory: the records the commands made, and a verification result a test sets. */
final class InMemoryAuditTrail implements AuditTrail {

    final List<AuditRecord> records = new ArrayList<>();
    AuditVerification verification = new AuditVerification(0, 0, 0, List.of());
    long lost;

    @Override
    public void record(String actor, String action, String target, AuditOutcome outcome, String detail) {
        records.add(new AuditRecord(records.size() + 1, java.time.Instant.EPOCH, actor, action, target, outcome,
                detail == null ? "" : detail));
    }

    @Override
    public List<AuditRecord> recent(int max) {
        return List.copyOf(records.subList(Math.max(0, records.size() - max), records.size()));
    }

    @Override
    public AuditVerification verify() {
        return verification;
    }

    @Override
    public long lostRecords() {
        return lost;
    }
}
