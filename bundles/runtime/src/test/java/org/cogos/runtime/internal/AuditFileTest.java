package org.cogos.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditVerification;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditFileTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final Instant T = Instant.parse("2026-12-07T02:00:00Z");

    private AuditFile trailWith(Path dir, int records) throws Exception {
        AuditFile file = new AuditFile(dir, 1 << 20, 3);
        for (int i = 1; i <= records; i++) {
            file.append(T.plusSeconds(i), "alice", "cog:param", "sensor", AuditOutcome.OK, "minRange=" + i);
        }
        return file;
    }

    private static void editLine(Path file, int index, String from, String to) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(index, lines.get(index).replace(from, to));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    public void anUntouchedTrailVerifiesAndReadsBack() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("audit");
        AuditFile file = trailWith(dir, 5);
        AuditVerification v = file.verify();
        assertTrue(v.problems().toString(), v.intact());
        assertEquals(5, v.records());
        assertEquals(1, v.firstSeq());
        assertEquals(5, v.lastSeq());
        List<AuditRecord> recent = file.recent(2);
        assertEquals(List.of(4L, 5L), recent.stream().map(AuditRecord::seq).toList());
        assertEquals("minRange=5", recent.get(1).detail());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AuditFile.NAME))));
    }

    @Test
    public void anEditedLineBreaksTheChainAtTheNextOne() throws Exception {
        Path dir = tmp.getRoot().toPath();
        AuditFile file = trailWith(dir, 5);
        editLine(dir.resolve(AuditFile.NAME), 2, "alice", "mallory");
        AuditVerification v = file.verify();
        assertFalse(v.intact());
        assertEquals(1, v.problems().size());
        assertTrue(v.problems().get(0), v.problems().get(0).contains("line 4: seq 4 does not chain to seq 3"));
    }

    @Test
    public void aRemovedLineIsFound() throws Exception {
        Path dir = tmp.getRoot().toPath();
        AuditFile file = trailWith(dir, 5);
        Path log = dir.resolve(AuditFile.NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(1);
        Files.write(log, lines);
        assertTrue(file.verify().problems().get(0).contains("seq 3 follows seq 1"));
    }

    @Test
    public void theNewestLineChangedOrCutOffIsFoundAgainstTheHeadThisProcessWrote() throws Exception {
        Path dir = tmp.getRoot().toPath();
        AuditFile file = trailWith(dir, 3);
        Path log = dir.resolve(AuditFile.NAME);
        editLine(log, 2, "cog:param", "cog:lsmod");
        assertTrue(file.verify().problems().toString(), file.verify().problems().get(0).contains("(changed)"));
        List<String> lines = Files.readAllLines(log);
        Files.write(log, lines.subList(0, 2));
        assertTrue(file.verify().problems().get(0).contains("cogos wrote up to seq 3"));
    }

    @Test
    public void rotationKeepsTheChainAcrossFilesAndDropsTheOldest() throws Exception {
        Path dir = tmp.getRoot().toPath();
        AuditFile file = new AuditFile(dir, 400, 2);
        for (int i = 1; i <= 20; i++) {
            file.append(T, "bob", "robot:add", "r" + i, AuditOutcome.OK, "");
        }
        assertTrue(Files.exists(dir.resolve("audit.log.2")));
        assertFalse(Files.exists(dir.resolve("audit.log.3")));
        AuditVerification v = file.verify();
        assertTrue(v.problems().toString(), v.intact());
        assertTrue("the oldest were rotated away", v.firstSeq() > 1);
        assertEquals(20, v.lastSeq());
        editLine(dir.resolve("audit.log.1"), 0, "bob", "eve");
        assertFalse(file.verify().intact());
    }

    @Test
    public void aReopenedTrailContinuesTheChain() throws Exception {
        Path dir = tmp.getRoot().toPath();
        trailWith(dir, 3);
        AuditFile reopened = new AuditFile(dir, 1 << 20, 3);
        assertEquals(3, reopened.lastSeq());
        reopened.append(T, "karaf", "cog:rmmod", "vision", AuditOutcome.REFUSED, "Insufficient credentials.");
        AuditVerification v = reopened.verify();
        assertTrue(v.problems().toString(), v.intact());
        assertEquals(4, v.lastSeq());
    }

    @Test
    public void fieldsWithTabsAndLineBreaksRoundTrip() throws Exception {
        AuditFile file = new AuditFile(tmp.getRoot().toPath(), 1 << 20, 1);
        file.append(T, "a\tb", "command", "cog:param x a=1\nb\\c", AuditOutcome.FAILED, null);
        AuditRecord r = file.recent(1).get(0);
        assertEquals("a\tb", r.actor());
        assertEquals("cog:param x a=1\nb\\c", r.target());
        assertEquals("", r.detail());
        assertEquals(AuditOutcome.FAILED, r.outcome());
        assertTrue(file.verify().intact());
    }
}
