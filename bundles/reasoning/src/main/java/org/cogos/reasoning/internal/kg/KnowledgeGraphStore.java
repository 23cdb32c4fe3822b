package org.cogos.reasoning.internal.kg;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.cogos.util.io.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves {@link KnowledgeGraph} snapshots to one file and loads them back.
 *
 * <p>Format (UTF-8, JSON lines, readable with any text tool): a header line
 * {@code {"format":"cogos.reasoning.knowledge-graph","version":1,"savedAtMillis":…,"edgeCount":N}} followed by N
 * lines {@code {"subject":…,"relation":…,"object":…,"strength":…,"lastUpdatedMillis":…,"updates":…}}, each ending
 * with a newline. The count in the header is how a truncated file is told from a complete one.
 *
 * <p>Saving writes {@code <name>.tmp} in the same directory, fsyncs it and renames it over the file with
 * {@code ATOMIC_MOVE}, so a crash leaves the old or the new snapshot, never a mix. Loading validates everything; a
 * file that is corrupt, truncated, foreign or of another version is moved aside to {@code <name>.corrupt-<millis>}
 * with the reason logged, and the graph starts empty — a bad file never stops the bundle.
 *
 * <p>Thread-safe: saves and loads are serialized on this store, so a slow save can never overwrite a newer one.
 * Use one store per file.
 */
public final class KnowledgeGraphStore {

    /** The format name written in, and required from, every header. */
    public static final String FORMAT = "cogos.reasoning.knowledge-graph";
    /** The only format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGraphStore.class);
    /** Above the longest valid line (three JSON-escaped terms of Edge.MAX_TERM_LENGTH): foreign files fail early. */
    private static final int MAX_LINE_CHARS = 8 * 1024;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final Set<String> HEADER_FIELDS = Set.of("format", "version", "savedAtMillis", "edgeCount");
    private static final Set<String> EDGE_FIELDS =
            Set.of("subject", "relation", "object", "strength", "lastUpdatedMillis", "updates");

    /** How a load went. */
    public enum Status {
        /** The snapshot was read completely. */
        LOADED,
        /** There was no file: a first start. */
        MISSING,
        /** The file was unusable and has been moved aside (or, if even that failed, left in place). */
        CORRUPT,
        /** The file could not be read (an I/O error such as missing permission); it was left in place. */
        UNREADABLE
    }

    /**
     * What {@link #load()} found.
     *
     * @param status       how the load went
     * @param edges        the edges read, empty unless {@link Status#LOADED}
     * @param problem      why the file was not used, empty when it was (or was missing)
     * @param movedAsideTo where an unusable file now is, if it was moved
     */
    public record LoadResult(Status status, List<Edge> edges, Optional<String> problem, Optional<Path> movedAsideTo) {

        /** Validates and copies. */
        public LoadResult {
            if (status == null || edges == null || problem == null || movedAsideTo == null) {
                throw new IllegalArgumentException("load result components must not be null");
            }
            edges = List.copyOf(edges);
        }
    }

    /** Content problems found while reading: the file is moved aside. */
    private static final class CorruptSnapshotException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptSnapshotException(String message) {
            super(message);
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path file;
    private final LongSupplier clock;

    /** @param file where the snapshot lives, e.g. in Karaf's data directory; its directory must exist */
    public KnowledgeGraphStore(Path file) {
        this(file, System::currentTimeMillis);
    }

    /**
     * @param file  where the snapshot lives
     * @param clock epoch millis for the header and for the name of a moved-aside file
     */
    public KnowledgeGraphStore(Path file, LongSupplier clock) {
        if (file == null || file.getFileName() == null) {
            throw new IllegalArgumentException("snapshot file must be a file path, was " + file);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    /** @return the snapshot file */
    public Path file() {
        return file;
    }

    /**
     * Writes a consistent snapshot of {@code graph} (taken under its read lock; the file is written after the
     * lock is released, so writers wait only for the copy) and atomically replaces the file with it.
     *
     * @return how many edges were saved
     * @throws IOException if writing, syncing or renaming failed; the previous snapshot is then untouched
     */
    public synchronized int save(KnowledgeGraph graph) throws IOException {
        if (graph == null) {
            throw new IllegalArgumentException("graph must not be null");
        }
        List<Edge> edges = graph.snapshot();
        AtomicFile.write(file, stream -> writeSnapshot(stream, edges));
        return edges.size();
    }

    /** Flushes but does not close: {@link AtomicFile} syncs the stream before it closes it. */
    private void writeSnapshot(OutputStream stream, List<Edge> edges) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER_BYTES);
        JsonGenerator json = mapper.getFactory().createGenerator(writer);
        // Objects are separated by our own newlines, not by Jackson's default root separator (a space).
        json.setRootValueSeparator(null);
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeNumberField("version", VERSION);
        json.writeNumberField("savedAtMillis", clock.getAsLong());
        json.writeNumberField("edgeCount", edges.size());
        json.writeEndObject();
        json.writeRaw('\n');
        for (Edge edge : edges) {
            json.writeStartObject();
            json.writeStringField("subject", edge.subject());
            json.writeStringField("relation", edge.relation());
            json.writeStringField("object", edge.object());
            json.writeNumberField("strength", edge.strength());
            json.writeNumberField("lastUpdatedMillis", edge.lastUpdatedMillis());
            json.writeNumberField("updates", edge.updates());
            json.writeEndObject();
            json.writeRaw('\n');
        }
        json.flush();
    }

    /**
     * Loads the snapshot and puts it into {@code graph}, replacing its content; beyond the graph's
     * {@code maxEdges} the strongest edges are kept. On any problem the graph is emptied, see {@link #load()}.
     *
     * @return what the load found
     */
    public LoadResult loadInto(KnowledgeGraph graph) {
        if (graph == null) {
            throw new IllegalArgumentException("graph must not be null");
        }
        LoadResult result = load();
        int dropped = graph.restore(result.edges());
        if (dropped > 0) {
            LOG.warn("knowledge graph snapshot {} holds {} edges, more than the {} allowed: kept the strongest, "
                    + "dropped {}", file, result.edges().size(), graph.maxEdges(), dropped);
        }
        return result;
    }

    /**
     * Reads the snapshot. Never throws for a bad file: a missing file is a first start, a corrupt, truncated,
     * foreign or other-version file is moved aside and reported, an unreadable one is reported and left in place;
     * in each of these cases no edges are returned.
     *
     * @return what was found
     */
    public synchronized LoadResult load() {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Edge> edges = read(reader);
            LOG.info("loaded {} knowledge graph edges from {}", edges.size(), file);
            return new LoadResult(Status.LOADED, edges, Optional.empty(), Optional.empty());
        } catch (NoSuchFileException e) {
            return new LoadResult(Status.MISSING, List.of(), Optional.empty(), Optional.empty());
        } catch (CorruptSnapshotException e) {
            return moveAside(e.getMessage());
        } catch (CharacterCodingException e) {
            return moveAside("not UTF-8 text (" + e + ")");
        } catch (IOException e) {
            LOG.error("cannot read knowledge graph snapshot {}; starting with an empty graph, file left in place",
                    file, e);
            return new LoadResult(Status.UNREADABLE, List.of(), Optional.of(e.toString()), Optional.empty());
        }
    }

    private List<Edge> read(Reader reader) throws IOException, CorruptSnapshotException {
        LineReader lines = new LineReader(reader);
        String headerLine = lines.next(1);
        if (headerLine == null) {
            throw new CorruptSnapshotException("empty file, no header");
        }
        long edgeCount = readHeader(parse(headerLine, 1));
        List<Edge> edges = new ArrayList<>((int) Math.min(edgeCount, 1 << 20));
        Set<EdgeKey> keys = new HashSet<>();
        for (long lineNumber = 2;; lineNumber++) {
            String line = lines.next(lineNumber);
            if (line == null) {
                break;
            }
            if (edges.size() == edgeCount) {
                throw new CorruptSnapshotException("more edge lines than the " + edgeCount
                        + " the header declares (line " + lineNumber + ")");
            }
            Edge edge = readEdge(parse(line, lineNumber), lineNumber);
            if (!keys.add(edge.key())) {
                throw new CorruptSnapshotException("line " + lineNumber + ": edge " + edge.key() + " appears twice");
            }
            edges.add(edge);
        }
        if (edges.size() != edgeCount) {
            throw new CorruptSnapshotException("truncated: header declares " + edgeCount + " edges, file has "
                    + edges.size());
        }
        return edges;
    }

    /**
     * Splits a reader into newline-terminated lines, reading in blocks and refusing overlong lines (a foreign file
     * need not have newlines at all). Not thread-safe; used by one load.
     */
    private static final class LineReader {
        private final Reader reader;
        private final char[] buffer = new char[BUFFER_BYTES];
        private int position;
        private int limit;

        LineReader(Reader reader) {
            this.reader = reader;
        }

        /** @return the next line without its newline, null at the end of the file */
        String next(long lineNumber) throws IOException, CorruptSnapshotException {
            StringBuilder line = null;
            while (true) {
                if (position == limit) {
                    limit = reader.read(buffer);
                    position = 0;
                    if (limit == -1) {
                        limit = 0;
                        if (line == null) {
                            return null;
                        }
                        throw new CorruptSnapshotException("truncated: line " + lineNumber + " has no newline");
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int length = position - start + (line == null ? 0 : line.length());
                if (length > MAX_LINE_CHARS) {
                    throw new CorruptSnapshotException("line " + lineNumber + " is longer than " + MAX_LINE_CHARS
                            + " chars");
                }
                if (position < limit) {
                    position++;
                    return line == null ? new String(buffer, start, position - 1 - start)
                            : line.append(buffer, start, position - 1 - start).toString();
                }
                if (line == null) {
                    line = new StringBuilder();
                }
                line.append(buffer, start, position - start);
            }
        }
    }

    private JsonNode parse(String line, long lineNumber) throws CorruptSnapshotException {
        try {
            JsonNode node = mapper.readTree(line);
            if (node == null || !node.isObject()) {
                throw new CorruptSnapshotException("line " + lineNumber + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CorruptSnapshotException("line " + lineNumber + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** @return the edge count the header declares */
    private static long readHeader(JsonNode header) throws CorruptSnapshotException {
        JsonNode format = header.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
            throw new CorruptSnapshotException("not a knowledge graph snapshot: format is " + format
                    + ", expected \"" + FORMAT + "\"");
        }
        // The version before the fields: another version may well have other fields.
        long version = requireLong(header, "version", 1);
        if (version != VERSION) {
            throw new CorruptSnapshotException("unsupported version " + version + ", this build reads "
                    + VERSION);
        }
        requireFields(header, HEADER_FIELDS, 1);
        requireLong(header, "savedAtMillis", 1);
        long edgeCount = requireLong(header, "edgeCount", 1);
        if (edgeCount < 0) {
            throw new CorruptSnapshotException("header declares a negative edge count " + edgeCount);
        }
        return edgeCount;
    }

    private static Edge readEdge(JsonNode line, long lineNumber) throws CorruptSnapshotException {
        requireFields(line, EDGE_FIELDS, lineNumber);
        JsonNode strength = line.get("strength");
        if (!strength.isNumber()) {
            throw new CorruptSnapshotException("line " + lineNumber + ": strength is not a number: " + strength);
        }
        try {
            return new Edge(requireText(line, "subject", lineNumber), requireText(line, "relation", lineNumber),
                    requireText(line, "object", lineNumber), strength.doubleValue(),
                    requireLong(line, "lastUpdatedMillis", lineNumber), requireLong(line, "updates", lineNumber));
        } catch (IllegalArgumentException e) {
            throw new CorruptSnapshotException("line " + lineNumber + ": invalid edge: " + e.getMessage());
        }
    }

    /** Exactly these fields: a field this version does not know means the file is not what it claims. */
    private static void requireFields(JsonNode node, Set<String> expected, long lineNumber)
            throws CorruptSnapshotException {
        Set<String> actual = new HashSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            actual.add(names.next());
        }
        if (!actual.equals(expected)) {
            throw new CorruptSnapshotException("line " + lineNumber + " has fields " + actual + ", expected "
                    + expected);
        }
    }

    private static String requireText(JsonNode node, String field, long lineNumber)
            throws CorruptSnapshotException {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw new CorruptSnapshotException("line " + lineNumber + ": " + field + " is not a string: " + value);
        }
        return value.asText();
    }

    private static long requireLong(JsonNode node, String field, long lineNumber) throws CorruptSnapshotException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new CorruptSnapshotException("line " + lineNumber + ": " + field + " is not an integer: " + value);
        }
        return value.longValue();
    }

    private LoadResult moveAside(String problem) {
        long now = clock.getAsLong();
        for (int attempt = 0;; attempt++) {
            String suffix = ".corrupt-" + now + (attempt == 0 ? "" : "-" + attempt);
            Path aside = file.resolveSibling(file.getFileName() + suffix);
            try {
                Files.move(file, aside);
                LOG.warn("knowledge graph snapshot {} is unusable ({}); moved it to {} and started with an empty "
                        + "graph", file, problem, aside);
                return new LoadResult(Status.CORRUPT, List.of(), Optional.of(problem), Optional.of(aside));
            } catch (FileAlreadyExistsException e) {
                // Two moves in one millisecond: try the next suffix.
            } catch (IOException e) {
                LOG.error("knowledge graph snapshot {} is unusable ({}) and could not be moved aside; started with "
                        + "an empty graph", file, problem, e);
                return new LoadResult(Status.CORRUPT, List.of(), Optional.of(problem), Optional.empty());
            }
        }
    }
}
