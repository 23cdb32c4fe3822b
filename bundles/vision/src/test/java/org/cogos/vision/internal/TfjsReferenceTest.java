package org.cogos.vision.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cogos.api.ml.NamedTensor;
import org.cogos.ml.internal.OnnxModels;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The converted model and the Java decoding against the original: astronaut-tfjs-detections.tsv holds what the
 * TFJS graph of @vladmandic/human (pure-JS CPU backend) decodes itself from the same 512x512 pixels, written by
 * {@code scripts/models/vision-centernet.sh --verify}. The frame is already of the input size, so the letterbox is an
 * exact copy and the two pipelines see the same numbers.
 */
public class TfjsReferenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(TfjsReferenceTest.class);

    @Test
    public void decodesTheSameHundredCentresAsTheOriginalGraph() throws Exception {
        List<float[]> reference = new ArrayList<>();
        try (BufferedReader tsv = new BufferedReader(new InputStreamReader(
                TfjsReferenceTest.class.getResourceAsStream("astronaut-tfjs-detections.tsv"),
                StandardCharsets.UTF_8))) {
            for (String line = tsv.readLine(); line != null; line = tsv.readLine()) {
                if (!line.startsWith("#")) {
                    String[] f = line.split("\t");
                    float[] row = new float[6];
                    for (int i = 0; i < 6; i++) {
                        row[i] = Float.parseFloat(f[i]);
                    }
                    reference.add(row);
                }
            }
        }
        assertEquals(CenterNet.CANDIDATES, reference.size());

        byte[] png = TestImages.bytes("astronaut.png");
        ImageHeader header = ImageHeader.read(png);
        float[] input = new Letterbox(header.width(), header.height(), CenterNet.INPUT_SIZE)
                .resample(ImageDecoding.rows(ImageDecoding.decode(png, header)));
        List<NamedTensor> outputs;
        try (OnnxModels ml = new OnnxModels(1, 1)) {
            ml.loadVerified(CenterNet.MODEL_NAME, VisionModule.class.getResource(CenterNet.RESOURCE));
            outputs = ml.run(CenterNet.MODEL_NAME, List.of(new NamedTensor(CenterNet.INPUT,
                    new long[] {1, CenterNet.INPUT_SIZE, CenterNet.INPUT_SIZE, 3}, input)));
        }
        List<CenterNet.Box> centres = CenterNet.centres(
                FrameProcessor.output(outputs, CenterNet.KEYPOINTS), FrameProcessor.output(outputs, CenterNet.WH), 0);
        assertEquals(CenterNet.CANDIDATES, centres.size());

        // Scores in the file have 6 decimals; the converted heat map differs from TFJS's by < 1e-6, box edges < 2e-3 px.
        double maxScoreError = 0;
        double maxBoxError = 0;
        for (float[] expected : reference) {
            CenterNet.Box match = null;
            for (CenterNet.Box box : centres) {
                if (box.classId() == (int) expected[5] && Math.abs(box.x0() - expected[0]) < 0.05
                        && Math.abs(box.y0() - expected[1]) < 0.05) {
                    match = box;
                }
            }
            assertTrue("no match for TFJS centre " + Arrays.toString(expected), match != null);
            maxScoreError = Math.max(maxScoreError, Math.abs(match.score() - expected[4]));
            maxBoxError = Math.max(maxBoxError, Math.max(Math.max(Math.abs(match.x0() - expected[0]),
                    Math.abs(match.y0() - expected[1])), Math.max(Math.abs(match.x1() - expected[2]),
                    Math.abs(match.y1() - expected[3]))));
        }
        LOG.info("against TFJS over {} centres: max score error {}, max box edge error {} px", reference.size(),
                maxScoreError, maxBoxError);
        assertTrue("score error " + maxScoreError, maxScoreError < 2e-6);
        assertTrue("box error " + maxBoxError, maxBoxError < 1e-2);
        // Order too: the best centre is the astronaut, as in TFJS.
        assertEquals(0, centres.get(0).classId());
        assertEquals(reference.get(0)[4], centres.get(0).score(), 2e-6);
    }
}
