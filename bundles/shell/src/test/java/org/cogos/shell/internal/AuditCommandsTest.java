package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.PrivilegedAction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditVerification;
import org.junit.Test;

/** What the commands that change something leave in the audit trail, and cog:audit itself. */
public class AuditCommandsTest {

    private final InMemoryModules modules = new InMemoryModules();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final Console console = new Console();

    private <T extends ModuleCommand> T on(T command, String module) {
        command.modules = modules;
        command.module = module;
        command.audit = trail;
        return command;
    }

    @SuppressWarnings("removal")
    private void runAs(String user, CogAction command) {
        Subject subject = new Subject(true, Set.of(new UserPrincipal(user), new RolePrincipal("admin")), Set.of(),
                Set.of());
        Subject.doAs(subject, (PrivilegedAction<Void>) () -> {
            console.run(command);
            return null;
        });
    }

    @Test
    public void aCommandThatChangesSomethingRecordsWhoWhatAndTheOutcome() {
        modules.loaded(Modules.SENSOR).loaded(Modules.RULES);
        Rmmod rmmod = on(new Rmmod(), "rules");
        rmmod.force = true;
        runAs("alice", rmmod);
        assertEquals(0, console.exitStatus());
        AuditRecord r = trail.records.get(0);
        assertEquals(List.of("alice", "cog:rmmod", "rules --force", "OK"),
                List.of(r.actor(), r.action(), r.target(), r.outcome().name()));
    }

    @Test
    public void aFailedCommandIsRecordedWithItsMessage() {
        runAs("bob", on(new Rmmod(), "nosuch"));
        assertEquals(1, console.exitStatus());
        AuditRecord r = trail.records.get(0);
        assertEquals(AuditOutcome.FAILED, r.outcome());
        assertEquals(console.err().strip(), r.detail());
    }

    @Test
    public void readingIsNotRecordedSettingIs() {
        modules.loaded(Modules.SENSOR);
        Param read = on(new Param(), "sensor");
        runAs("carol", read);
        assertTrue(trail.records.isEmpty());
        Param set = on(new Param(), "sensor");
        set.key = "minRange";
        set.value = "0.3";
        runAs("carol", set);
        assertEquals("sensor minRange=0.3", trail.records.get(0).target());
    }

    @Test
    public void outsideALoginTheActorSaysSo() {
        modules.loaded(Modules.SENSOR);
        console.run(on(new Rmmod(), "sensor"));
        assertEquals(Operators.UNKNOWN, trail.records.get(0).actor());
    }

    @Test
    public void auditPrintsTheNewestRecordsOnOneLineEach() {
        trail.record("alice", "cog:param", "sensor minRange=0.3", AuditOutcome.OK, "");
        trail.record("eve", "command", "cog:rmmod vision", AuditOutcome.REFUSED, "Insufficient credentials.");
        Audit audit = new Audit();
        audit.trail = trail;
        audit.zone = ZoneOffset.UTC;
        audit.lines = 1;
        console.run(audit);
        assertEquals(List.of("#2 " + Units.iso(Instant.EPOCH.toEpochMilli(), ZoneOffset.UTC)
                + " eve command cog:rmmod vision: refused (Insufficient credentials.)"), console.outLines());
    }

    @Test
    public void verifyExitsNonZeroAndNamesEachBreak() {
        trail.verification = new AuditVerification(9, 1, 9, List.of("audit.log line 4: seq 4 does not chain to seq 3"));
        Audit audit = new Audit();
        audit.trail = trail;
        audit.verify = true;
        console.run(audit);
        assertEquals(1, console.exitStatus());
        assertEquals(List.of("audit.log line 4: seq 4 does not chain to seq 3"), console.outLines());
        assertEquals("audit trail broken: 1 problem(s) in 9 records", console.err().strip());
    }

    @Test
    public void verifySaysWhatItCheckedWhenIntact() {
        trail.verification = new AuditVerification(40, 12, 51, List.of());
        Audit audit = new Audit();
        audit.trail = trail;
        audit.verify = true;
        console.run(audit);
        assertEquals(0, console.exitStatus());
        assertEquals("audit trail intact: 40 records, seq 12 to 51 (older ones rotated away)", console.out().strip());
    }
}
