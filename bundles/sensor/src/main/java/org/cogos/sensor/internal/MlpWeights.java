package org.cogos.sensor.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.DenseLayer;

/**
 * Reads the classifier's weights file, the text format written by {@code scripts/train-cluster-mlp.java} and
 * described in docs/lidar-scan.md, after checking it against its SHA-256 file ({@code sha256sum} format). Every
 * line is checked: a file that is corrupt, truncated, or trained for other features or classes is refused with the
 * reason, never half-loaded.
 */
final class MlpWeights {

    static final String FORMAT = "cogos-mlp 1";

    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern SHA256_LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S+)\\s*");

    private MlpWeights() {
    }

    /**
     * @param name    the weights file's name, for messages and to match the checksum line
     * @param weights the file's bytes
     * @param sha256  the checksum file's text: {@code <64 hex digits>  <name>}
     * @return the layers, first to last
     * @throws IllegalArgumentException naming the file, the line and what is wrong
     */
    static List<DenseLayer> parse(String name, byte[] weights, String sha256, List<String> features,
            List<String> classes) {
        verify(name, weights, sha256);
        Lines lines = new Lines(name, new String(weights, StandardCharsets.UTF_8));
        lines.expect(FORMAT);
        lines.expect("features " + String.join(" ", features));
        lines.expect("classes " + String.join(" ", classes));
        List<DenseLayer> layers = new ArrayList<>();
        int inputs = features.size();
        String line;
        while (!(line = lines.next()).equals("end")) {
            String[] header = SPACES.split(line);
            if (header.length != 4 || !header[0].equals("dense")) {
                throw lines.error("expected 'dense INPUTS OUTPUTS ACTIVATION' or 'end', got '" + line + "'");
            }
            int layerInputs = lines.positive(header[1]);
            int outputs = lines.positive(header[2]);
            if (layerInputs != inputs) {
                throw lines.error("layer takes " + layerInputs + " inputs, the previous one gives " + inputs);
            }
            Activation activation = switch (header[3]) {
                case "relu" -> Activation.RELU;
                case "none" -> Activation.NONE;
                default -> throw lines.error("unknown activation '" + header[3] + "' (relu or none)");
            };
            float[] w = new float[layerInputs * outputs];
            for (int row = 0; row < layerInputs; row++) {
                lines.numbers("", lines.next(), w, row * outputs, outputs);
            }
            float[] bias = new float[outputs];
            lines.numbers("bias ", lines.next(), bias, 0, outputs);
            layers.add(new DenseLayer(layerInputs, outputs, w, bias, activation));
            inputs = outputs;
        }
        if (layers.isEmpty() || inputs != classes.size()) {
            throw lines.error("the network gives " + inputs + " outputs, there are " + classes.size() + " classes");
        }
        if (lines.hasMore()) {
            lines.next();
            throw lines.error("content after 'end'");
        }
        return layers;
    }

    private static void verify(String name, byte[] weights, String sha256) {
        var matcher = SHA256_LINE.matcher(sha256);
        if (!matcher.matches() || !matcher.group(2).equals(name)) {
            throw new IllegalArgumentException(name + ".sha256 must be one line '<sha-256 in hex>  " + name + "'");
        }
        String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        if (!actual.equals(matcher.group(1))) {
            throw new IllegalArgumentException(name + " is corrupt: its SHA-256 is " + actual + " but " + name
                    + ".sha256 says " + matcher.group(1));
        }
    }

    /** The file's lines without comments ({@code #}) and blank lines, remembering line numbers for messages. */
    private static final class Lines {

        private final String name;
        private final String[] lines;
        private int index;
        private int number;

        Lines(String name, String text) {
            this.name = name;
            this.lines = text.split("\n", -1);
        }

        boolean hasMore() {
            while (index < lines.length) {
                String line = lines[index].strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    return true;
                }
                index++;
            }
            return false;
        }

        String next() {
            if (!hasMore()) {
                throw new IllegalArgumentException(name + ": ends early, after line " + number);
            }
            number = index + 1;
            return lines[index++].strip();
        }

        void expect(String expected) {
            String line = next();
            if (!line.equals(expected)) {
                throw error("expected '" + expected + "', got '" + line + "'");
            }
        }

        int positive(String text) {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw error("'" + text + "' is not a layer size");
            }
            if (value < 1 || value > 4096) {
                throw error(value + " is not a layer size in 1..4096");
            }
            return value;
        }

        void numbers(String prefix, String line, float[] into, int offset, int count) {
            if (!line.startsWith(prefix)) {
                throw error("expected '" + prefix.strip() + "' and " + count + " numbers");
            }
            String[] values = SPACES.split(line.substring(prefix.length()).strip());
            if (values.length != count) {
                throw error("expected " + count + " numbers, got " + values.length);
            }
            for (int i = 0; i < count; i++) {
                float value;
                try {
                    value = Float.parseFloat(values[i]);
                } catch (NumberFormatException e) {
                    throw error("'" + values[i] + "' is not a number");
                }
                if (!Float.isFinite(value)) {
                    throw error("'" + values[i] + "' is not finite");
                }
                into[offset + i] = value;
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(name + " line " + number + ": " + message);
        }
    }
}
