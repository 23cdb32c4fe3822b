package org.cogos.mqtt.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cogos.api.Action;
import org.cogos.api.Provenance;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OutboxJournalTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static byte[] json(String id) {
        return Json.encodeAction(new Action(id, "r1", "step", Map.of(), 1L, "test", 1, 1,
                Provenance.unrecorded("rules")));
    }

    private static List<String> pendingIds(Path file) throws Exception {
        try (OutboxJournal reader = new OutboxJournal(file)) {
            return reader.replay().pending().stream().map(stored -> stored.action().actionId()).toList();
        }
    }

    /**
     * The snapshot is written and fsynced without the outbox lock (issue 14: send waited up to a hundred
     * milliseconds for that fsync), so sends and acks go on meanwhile; none of their records may be lost.
     */
    @Test
    public void regressionCompactionKeepsRecordsAppendedWhileItsSnapshotIsWritten() throws Exception {
        Path file = folder.getRoot().toPath().resolve("outbox.journal");
        try (OutboxJournal journal = new OutboxJournal(file)) {
            journal.beginCompaction();
            journal.finishCompaction(0, journal.writeSnapshot(List.of())); // opens the empty journal
            for (String id : List.of("a", "b", "c")) {
                journal.append(OutboxJournal.added(json(id)));
            }
            journal.append(OutboxJournal.removed("a"));

            journal.beginCompaction();
            List<byte[]> snapshot = List.of(json("b"), json("c"));
            journal.append(OutboxJournal.added(json("d"))); // a send after the snapshot was taken
            long written = journal.writeSnapshot(snapshot);
            journal.append(OutboxJournal.removed("b")); // an ack while the snapshot is written
            journal.append(OutboxJournal.added(json("e")));
            journal.finishCompaction(snapshot.size(), written);

            assertEquals(List.of("c", "d", "e"), pendingIds(file));
            assertEquals("the snapshot's two records and the three after it", 5, journal.records());
            assertEquals(Files.size(file), journal.bytes());
            journal.append(OutboxJournal.added(json("f")));
            assertEquals("appends go to the compacted journal", List.of("c", "d", "e", "f"), pendingIds(file));
        }
    }

    @Test
    public void aCompactionFinishingAfterCloseLeavesTheJournalAlone() throws Exception {
        Path file = folder.getRoot().toPath().resolve("outbox.journal");
        OutboxJournal journal = new OutboxJournal(file);
        journal.beginCompaction();
        journal.finishCompaction(0, journal.writeSnapshot(List.of()));
        journal.append(OutboxJournal.added(json("a")));
        journal.beginCompaction();
        long written = journal.writeSnapshot(List.of());
        journal.close();
        journal.finishCompaction(0, written);
        assertEquals(List.of("a"), pendingIds(file));
        assertEquals("no temporary file left", List.of(file), Files.list(folder.getRoot().toPath()).toList());
    }
}
