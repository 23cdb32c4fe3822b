package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.DenseLayer;
import org.junit.Test;

public class MlpWeightsTest {

    private static final String NAME = "cluster-mlp.txt";
    private static final List<String> FEATURES = List.of("a", "b", "c");
    private static final List<String> CLASSES = List.of("obstacle", "person");

    private static final String SMALL = """
            # comment lines and blank lines are skipped

            cogos-mlp 1
            features a b c
            classes obstacle person
            dense 3 2 relu
            1 2
            3 4
            5 -6.5
            bias 0.5 -0.25
            dense 2 2 none
            1 0
            0 1
            bias 0 0
            end
            """;

    private static String checksum(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest) + "  " + NAME + "\n";
    }

    private static List<DenseLayer> parse(String text) throws Exception {
        return MlpWeights.parse(NAME, text.getBytes(StandardCharsets.UTF_8), checksum(text), FEATURES, CLASSES);
    }

    private static void assertRefused(String message, String text) throws Exception {
        try {
            parse(text);
            fail("accepted:\n" + text);
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    public void readsLayersRowByRow() throws Exception {
        List<DenseLayer> layers = parse(SMALL);

        assertEquals(2, layers.size());
        DenseLayer first = layers.get(0);
        assertEquals(3, first.inputs());
        assertEquals(2, first.outputs());
        assertEquals(Activation.RELU, first.activation());
        // Row i holds the weights from input i, as DenseLayer's row-major inputs x outputs.
        assertEquals(List.of(1f, 2f, 3f, 4f, 5f, -6.5f), boxed(first.weights()));
        assertEquals(List.of(0.5f, -0.25f), boxed(first.bias()));
        assertEquals(Activation.NONE, layers.get(1).activation());
    }

    @Test
    public void theShippedWeightsMatchTheFeaturesAndClassesOfTheModule() throws Exception {
        List<DenseLayer> layers = MlpWeights.parse(NAME, LidarModuleTest.shippedWeights(),
                new String(LidarModuleTest.shippedChecksum(), StandardCharsets.UTF_8), ClusterFeatures.NAMES,
                ClusterClassifier.CLASSES);

        assertEquals(List.of(ClusterFeatures.COUNT, 16, 16), layers.stream().map(DenseLayer::inputs).toList());
        assertEquals(List.of(16, 16, 2), layers.stream().map(DenseLayer::outputs).toList());
    }

    @Test
    public void refusesAFileThatDoesNotMatchItsChecksum() throws Exception {
        String sum = checksum(SMALL);
        try {
            MlpWeights.parse(NAME, SMALL.replace("-6.5", "-6.6").getBytes(StandardCharsets.UTF_8), sum, FEATURES,
                    CLASSES);
            fail("accepted an edited file");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(NAME + " is corrupt: its SHA-256 is "));
            assertTrue(e.getMessage(), e.getMessage().endsWith(" but " + NAME + ".sha256 says " + sum.substring(0, 64)));
        }
    }

    @Test
    public void refusesAChecksumFileForAnotherFileOrOfAnotherShape() throws Exception {
        String expected = NAME + ".sha256 must be one line '<sha-256 in hex>  " + NAME + "'";
        for (String sum : List.of(checksum(SMALL).replace(NAME, "other.txt"), "", "abc  " + NAME,
                checksum(SMALL).toUpperCase().replace(NAME.toUpperCase(), NAME))) {
            try {
                MlpWeights.parse(NAME, SMALL.getBytes(StandardCharsets.UTF_8), sum, FEATURES, CLASSES);
                fail("accepted checksum '" + sum + "'");
            } catch (IllegalArgumentException e) {
                assertEquals(expected, e.getMessage());
            }
        }
    }

    /** With a matching checksum, as after a careless retraining: the content is checked line by line. */
    @Test
    public void refusesMalformedContentNamingTheLine() throws Exception {
        assertRefused(NAME + " line 3: expected 'cogos-mlp 1', got 'cogos-mlp 2'", SMALL.replace("cogos-mlp 1", "cogos-mlp 2"));
        assertRefused(NAME + " line 4: expected 'features a b c', got 'features a c b'",
                SMALL.replace("features a b c", "features a c b"));
        assertRefused(NAME + " line 5: expected 'classes obstacle person', got 'classes person obstacle'",
                SMALL.replace("classes obstacle person", "classes person obstacle"));
        assertRefused(NAME + " line 8: expected 2 numbers, got 1", SMALL.replace("3 4", "3"));
        assertRefused(NAME + " line 9: 'x' is not a number", SMALL.replace("5 -6.5", "5 x"));
        assertRefused(NAME + " line 9: 'NaN' is not finite", SMALL.replace("5 -6.5", "5 NaN"));
        assertRefused(NAME + " line 10: expected 'bias' and 2 numbers", SMALL.replace("bias 0.5", "bais 0.5"));
        assertRefused(NAME + " line 6: unknown activation 'tanh' (relu or none)", SMALL.replace("3 2 relu", "3 2 tanh"));
        assertRefused(NAME + " line 6: layer takes 4 inputs, the previous one gives 3", SMALL.replace("dense 3 2", "dense 4 2"));
        assertRefused(NAME + " line 6: 0 is not a layer size in 1..4096", SMALL.replace("dense 3 2", "dense 3 0"));
        assertRefused(NAME + " line 11: layer takes 3 inputs, the previous one gives 2", SMALL.replace("dense 2 2", "dense 3 2"));
        assertRefused(NAME + " line 11: expected 'dense INPUTS OUTPUTS ACTIVATION' or 'end', got 'dense 2 2'",
                SMALL.replace("dense 2 2 none", "dense 2 2"));
        assertRefused(NAME + ": ends early, after line 14", SMALL.replace("end\n", ""));
        assertRefused(NAME + " line 16: content after 'end'", SMALL + "dense 2 2 none\n");
        assertRefused(NAME + " line 15: the network gives 3 outputs, there are 2 classes",
                SMALL.replace("dense 2 2 none\n1 0\n0 1\nbias 0 0", "dense 2 3 none\n1 0 0\n0 1 0\nbias 0 0 0"));
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new java.util.ArrayList<>();
        for (float value : values) {
            list.add(value);
        }
        return list;
    }
}
