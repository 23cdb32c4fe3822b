package org.cogos.shell.internal;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditTrail;
import org.cogos.api.audit.AuditVerification;

@Command(scope = "cog", name = "audit",
        description = "Prints the audit trail, oldest first: who changed what, and how it ended; --verify checks that"
                + " no record was changed or removed.")
@Service
public class Audit extends CogAction {

    @Option(name = "-n", aliases = "--lines", description = "Show only the N newest records")
    int lines = 50;

    @Option(name = "--verify", description = "Check the hash chain of every record kept; exits non-zero if broken")
    boolean verify;

    @Reference
    AuditTrail trail;

    /** The zone times are shown in. */
    ZoneId zone = ZoneId.systemDefault();

    @Override
    protected void run(PrintStream out) throws CommandException {
        try {
            if (verify) {
                verify(out);
            } else {
                show(out);
            }
        } catch (UncheckedIOException e) {
            throw new CommandException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    private void show(PrintStream out) throws CommandException {
        if (lines < 1) {
            throw new CommandException("-n must be at least 1, got " + lines);
        }
        List<AuditRecord> records = trail.recent(lines);
        for (AuditRecord r : records) {
            out.println("#" + r.seq() + " " + Units.iso(r.time().toEpochMilli(), zone) + " " + r.actor() + " "
                    + r.action() + (r.target().isEmpty() ? "" : " " + Units.oneLine(r.target())) + ": "
                    + r.outcome().name().toLowerCase() + (r.detail().isEmpty() ? "" : " (" + Units.oneLine(r.detail())
                    + ")"));
        }
        if (trail.lostRecords() > 0) {
            out.println("(" + trail.lostRecords() + " records could not be written since cogos started: see the log)");
        }
    }

    private void verify(PrintStream out) throws CommandException {
        AuditVerification v = trail.verify();
        if (!v.intact()) {
            v.problems().forEach(out::println);
            throw new CommandException("audit trail broken: " + v.problems().size() + " problem(s) in "
                    + v.records() + " records");
        }
        out.println("audit trail intact: " + v.records() + " records, seq " + v.firstSeq() + " to " + v.lastSeq()
                + (v.firstSeq() > 1 ? " (older ones rotated away)" : ""));
    }
}
