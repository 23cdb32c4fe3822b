package org.cogos.reasoning.internal.embedding;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes small word vector files for tests, field by field, so each field can be made wrong on purpose. */
final class VectorFile {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** A valid file: 3 words of 4 dimensions. */
    static byte[] valid() {
        return new VectorFile().header(1, 4, 3).text("test@1").text("cup").text("person").text("red")
                .vector(127, 0, 0, 0).vector(0, -127, 0, 0).vector(3, 4, 0, 0).bytes();
    }

    VectorFile raw(byte... raw) {
        bytes.writeBytes(raw);
        return this;
    }

    VectorFile header(int version, int dims, long count) {
        try {
            out.write(new byte[] {'C', 'G', 'W', 'V'});
            out.writeShort(version);
            out.writeShort(dims);
            out.writeInt((int) count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    VectorFile text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8.length);
        bytes.writeBytes(utf8);
        return this;
    }

    VectorFile vector(int... components) {
        for (int c : components) {
            bytes.write(c);
        }
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
