package org.cogos.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.cogos.api.audit.AuditOutcome;
import org.cogos.api.audit.AuditRecord;
import org.cogos.api.audit.AuditVerification;

/**
 * The audit trail on disk: {@code audit.log} and its rotated predecessors {@code audit.log.1} (newest) to
 * {@code audit.log.N}, one record per line, fields separated by tabs:
 *
 * <pre>seq  time  actor  action  target  outcome  detail  prev</pre>
 *
 * where {@code prev} is the SHA-256 (hex) of the whole previous line, across rotations; the first record ever has 64
 * zeros. Tabs, line breaks and backslashes inside a field are escaped ({@code \t \n \r \\}). A line changed or
 * removed makes the next line's {@code prev} wrong; a line added breaks the sequence. What a chain cannot show on
 * its own — the newest lines cut off, or the whole trail rewritten with new hashes — this process catches against
 * the head it wrote last ({@link #verify()}), and a site catches by also sending records off the machine
 * (docs/security.md).
 *
 * <p>Written by one writer at a time (the caller synchronises); each record is one write, forced to disk.
 */
final class AuditFile {

    static final String NAME = "audit.log";
    static final String GENESIS = "0".repeat(64);
    private static final int FIELDS = 8;

    private final Path dir;
    private final long rotateBytes;
    private final int keepFiles;
    private long lastSeq;
    private String lastHash = GENESIS;

    /**
     * Opens the trail in {@code dir} (made owner-only if new) and continues its chain.
     *
     * @param rotateBytes start a new file when the current one would grow past this
     * @param keepFiles   rotated files kept besides the current one; older ones are deleted
     */
    AuditFile(Path dir, long rotateBytes, int keepFiles) throws IOException {
        this.dir = dir;
        this.rotateBytes = rotateBytes;
        this.keepFiles = keepFiles;
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            setOwnerOnly(dir, "rwx------");
        }
        String last = lastLine();
        if (last != null) {
            lastHash = sha256(last);
            lastSeq = parse(last).seq();
        }
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Appends one record and returns it. */
    AuditRecord append(Instant time, String actor, String action, String target, AuditOutcome outcome,
            String detail) throws IOException {
        AuditRecord record = new AuditRecord(lastSeq + 1, time, orEmpty(actor), orEmpty(action), orEmpty(target),
                outcome, orEmpty(detail));
        String line = format(record, lastHash);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        Path current = dir.resolve(NAME);
        if (Files.exists(current) && Files.size(current) > 0 && Files.size(current) + bytes.length > rotateBytes) {
            rotate();
        }
        boolean created = !Files.exists(current);
        try (FileChannel channel = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            if (created) {
                setOwnerOnly(current, "rw-------");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
        lastSeq = record.seq();
        lastHash = sha256(line);
        return record;
    }

    /** The newest records kept, oldest first, at most max. */
    List<AuditRecord> recent(int max) throws IOException {
        ArrayDeque<AuditRecord> newest = new ArrayDeque<>();
        for (Path file : filesOldestFirst()) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    newest.addLast(parse(line));
                } catch (IllegalArgumentException e) {
                    continue; // verify() names it; a damaged line must not hide the others
                }
                if (newest.size() > max) {
                    newest.removeFirst();
                }
            }
        }
        return List.copyOf(newest);
    }

    /**
     * Checks every kept line against the one before it, and the newest against what this process wrote last.
     * The oldest kept line's predecessor may have been rotated away: its {@code prev} cannot be checked.
     */
    AuditVerification verify() throws IOException {
        List<String> problems = new ArrayList<>();
        long records = 0;
        long firstSeq = 0;
        long seq = 0;
        String prevHash = null;
        for (Path file : filesOldestFirst()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = file.getFileName() + " line " + (i + 1);
                records++;
                String[] fields = line.split("\t", -1);
                AuditRecord record;
                try {
                    record = parse(line);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": not a record (" + e.getMessage() + ")");
                    prevHash = sha256(line);
                    continue;
                }
                if (firstSeq == 0) {
                    firstSeq = record.seq();
                    if (firstSeq == 1 && !fields[FIELDS - 1].equals(GENESIS)) {
                        problems.add(where + ": seq 1 does not start the chain (changed)");
                    }
                } else if (record.seq() != seq + 1) {
                    problems.add(where + ": seq " + record.seq() + " follows seq " + seq
                            + " (records removed, added or reordered)");
                } else if (!fields[FIELDS - 1].equals(prevHash)) {
                    problems.add(where + ": seq " + record.seq() + " does not chain to seq " + seq
                            + " (seq " + seq + " was changed, or records between them removed)");
                }
                seq = record.seq();
                prevHash = sha256(line);
            }
        }
        if (seq != lastSeq) {
            problems.add("the newest record kept is seq " + seq + " but cogos wrote up to seq " + lastSeq
                    + " (records at the end removed or added)");
        } else if (prevHash != null && !prevHash.equals(lastHash)) {
            problems.add("the newest record, seq " + seq + ", is not the one cogos wrote (changed)");
        }
        return new AuditVerification(records, firstSeq, seq, problems);
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(dir.resolve(NAME + "." + keepFiles));
        for (int i = keepFiles - 1; i >= 1; i--) {
            Path from = dir.resolve(NAME + "." + i);
            if (Files.exists(from)) {
                Files.move(from, dir.resolve(NAME + "." + (i + 1)), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (keepFiles > 0) {
            Files.move(dir.resolve(NAME), dir.resolve(NAME + ".1"), StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.delete(dir.resolve(NAME));
        }
    }

    private List<Path> filesOldestFirst() {
        List<Path> files = new ArrayList<>();
        for (int i = keepFiles; i >= 1; i--) {
            Path rotated = dir.resolve(NAME + "." + i);
            if (Files.exists(rotated)) {
                files.add(rotated);
            }
        }
        Path current = dir.resolve(NAME);
        if (Files.exists(current)) {
            files.add(current);
        }
        return files;
    }

    private String lastLine() throws IOException {
        List<Path> files = filesOldestFirst();
        for (int i = files.size() - 1; i >= 0; i--) {
            List<String> lines = Files.readAllLines(files.get(i), StandardCharsets.UTF_8);
            if (!lines.isEmpty()) {
                return lines.get(lines.size() - 1);
            }
        }
        return null;
    }

    static String format(AuditRecord r, String prevHash) {
        return r.seq() + "\t" + r.time() + "\t" + escape(r.actor()) + "\t" + escape(r.action()) + "\t"
                + escape(r.target()) + "\t" + r.outcome().name().toLowerCase() + "\t" + escape(r.detail()) + "\t"
                + prevHash;
    }

    static AuditRecord parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException(f.length + " fields, not " + FIELDS);
        }
        try {
            return new AuditRecord(Long.parseLong(f[0]), Instant.parse(f[1]), unescape(f[2]), unescape(f[3]),
                    unescape(f[4]), AuditOutcome.valueOf(f[5].toUpperCase()), unescape(f[6]));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            out.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> next;
            });
        }
        return out.toString();
    }

    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void setOwnerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
