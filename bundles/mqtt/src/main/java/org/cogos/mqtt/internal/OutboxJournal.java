package org.cogos.mqtt.internal;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cogos.api.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file behind {@link ActionOutbox}: one line per record, {@code A <action json>} when an action is
 * accepted and {@code D <action id>} when it leaves the outbox (acknowledged or dead-lettered). The pending actions
 * are the A records without a later D record, in file order. Each record is one {@code write()} to a file that
 * stays open, because creating a file per action was the cost on the decision path. Records are not fsync'ed.
 *
 * <p>Not thread-safe: the outbox calls it under its lock, which also keeps records in the order of its state
 * changes, except {@link #writeSnapshot}, which touches only the temporary file and runs without the lock.
 */
final class OutboxJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxJournal.class);
    private static final byte NEWLINE = '\n';
    /** The type letter, a space and the newline. */
    private static final int RECORD_OVERHEAD = 3;
    private static final int LOGGED_LINE_CHARS = 200;

    /** An action read back from the journal, with the exact JSON it was stored and is published as. */
    record Stored(Action action, byte[] json) {
    }

    /** What {@link #replay} found: the pending actions, oldest first, and how many lines it had to skip. */
    record Replay(List<Stored> pending, int skippedLines) {
    }

    private final Path file;
    private final Path temporary;
    private FileChannel channel;
    private long records;
    private long bytes;
    /** A failed append left part of a record behind that could not be cut off; the next one starts a new line. */
    private boolean torn;
    /** Closed for good: a compaction that finishes later leaves the journal alone. */
    private boolean closed;
    /** Records appended since a compaction's snapshot; null when no compaction runs. */
    private List<byte[]> sinceSnapshot;

    OutboxJournal(Path file) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
    }

    static byte[] added(byte[] json) {
        return record('A', json);
    }

    static byte[] removed(String actionId) {
        return record('D', actionId.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the length of {@link #added}{@code (json)} */
    static int addedLength(byte[] json) {
        return json.length + RECORD_OVERHEAD;
    }

    private static byte[] record(char kind, byte[] body) {
        byte[] record = new byte[body.length + RECORD_OVERHEAD];
        record[0] = (byte) kind;
        record[1] = ' ';
        System.arraycopy(body, 0, record, 2, body.length);
        record[record.length - 1] = NEWLINE;
        return record;
    }

    /**
     * Reads the journal left by an earlier run. A line that cannot be read — the torn last line of an append cut
     * short by a crash, or anything else unparsable — is skipped and logged; it never stops the replay.
     */
    Replay replay() throws IOException {
        if (!Files.exists(file)) {
            return new Replay(List.of(), 0);
        }
        byte[] content = Files.readAllBytes(file);
        Map<String, Stored> pending = new LinkedHashMap<>();
        int skipped = 0;
        int lineNumber = 0;
        for (int start = 0; start < content.length;) {
            int end = indexOf(content, NEWLINE, start);
            lineNumber++;
            byte[] line = Arrays.copyOfRange(content, start, end < 0 ? content.length : end);
            start = end < 0 ? content.length : end + 1;
            String problem = end < 0 ? "torn last line (an append cut short)" : apply(line, pending);
            if (problem != null) {
                skipped++;
                String text = new String(line, StandardCharsets.UTF_8);
                LOG.warn("outbox journal {} line {} skipped: {}: {}", file, lineNumber, problem,
                        text.length() > LOGGED_LINE_CHARS ? text.substring(0, LOGGED_LINE_CHARS) + "..." : text);
            }
        }
        return new Replay(new ArrayList<>(pending.values()), skipped);
    }

    /** @return null when the record was applied, else why it could not be */
    private static String apply(byte[] line, Map<String, Stored> pending) {
        if (line.length < 2 || line[1] != ' ') {
            return "not a record";
        }
        byte[] body = Arrays.copyOfRange(line, 2, line.length);
        switch (line[0]) {
            case 'A':
                try {
                    Action action = Json.decodeAction(body);
                    if (pending.containsKey(action.actionId())) {
                        return "duplicate of pending action " + action.actionId();
                    }
                    pending.put(action.actionId(), new Stored(action, body));
                    return null;
                } catch (IOException e) {
                    return "not a valid action (" + e.getMessage() + ")";
                }
            case 'D':
                pending.remove(new String(body, StandardCharsets.UTF_8));
                return null;
            default:
                return "unknown record type";
        }
    }

    private static int indexOf(byte[] content, byte wanted, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Appends one record. On failure the journal is cut back to its last complete record where possible. */
    void append(byte[] record) throws IOException {
        if (channel == null) {
            throw new IOException("outbox journal " + file + " is not open");
        }
        ByteBuffer buffer = ByteBuffer.wrap(record);
        if (torn) {
            buffer = ByteBuffer.allocate(record.length + 1).put(NEWLINE).put(record).flip();
        }
        int length = buffer.remaining();
        try {
            writeFully(channel, buffer);
        } catch (IOException e) {
            try {
                channel.truncate(bytes);
            } catch (IOException truncateFailed) {
                torn = true;
                e.addSuppressed(truncateFailed);
            }
            throw e;
        }
        torn = false;
        records++;
        bytes += length;
        if (sinceSnapshot != null) {
            sinceSnapshot.add(record);
        }
    }

    /**
     * Compaction, step 1, under the outbox lock: from now on every appended record is also remembered, so the
     * snapshot taken with this call can be completed with what came after it.
     */
    void beginCompaction() {
        sinceSnapshot = new ArrayList<>();
    }

    /**
     * Compaction, step 2, without the outbox lock: writes the snapshot's actions as a complete journal to a
     * temporary file and fsyncs it. This is the slow part (the fsync takes milliseconds to a hundred), which is why
     * it must not hold the lock that {@code send} takes. Touches nothing but the temporary file.
     *
     * @return the number of bytes written
     */
    long writeSnapshot(Collection<byte[]> pendingJson) throws IOException {
        long written = 0;
        try (FileOutputStream stream = new FileOutputStream(temporary.toFile());
                OutputStream out = new BufferedOutputStream(stream, 1 << 16)) {
            for (byte[] json : pendingJson) {
                byte[] record = added(json);
                out.write(record);
                written += record.length;
            }
            out.flush();
            stream.getChannel().force(true);
        }
        return written;
    }

    /**
     * Compaction, step 3, under the outbox lock: appends the records that came after the snapshot, then renames the
     * temporary file over the journal, so a crash at any point leaves either the old or the new journal, both
     * complete; appends then go to the new file. Those few records are not fsynced, like every append. Does
     * nothing but delete the temporary file when the journal was closed meanwhile.
     */
    void finishCompaction(int snapshotRecords, long snapshotBytes) throws IOException {
        List<byte[]> after = sinceSnapshot;
        sinceSnapshot = null;
        if (closed || after == null) {
            Files.deleteIfExists(temporary);
            return;
        }
        long written = snapshotBytes;
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (byte[] record : after) {
                writeFully(out, ByteBuffer.wrap(record));
                written += record.length;
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        closeChannel();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        records = snapshotRecords + after.size();
        bytes = written;
        torn = false;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** A compaction whose snapshot could not be written: the journal stays as it is, complete. */
    void abortCompaction() {
        sinceSnapshot = null;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeChannel();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }
}
