package org.cogos.reasoning.internal.embedding;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.BeforeClass;
import org.junit.Test;

/** Looking words up and embedding texts, on the real bundled vectors. */
public class WordVectorsTest {

    /** Every word the reasoner must know: COCO label words, LIDAR labels, colours, display words, lexicon. */
    private static final String REQUIRED = """
            person bicycle car motorcycle airplane bus train truck boat traffic light fire hydrant stop sign parking
            meter bench bird cat dog horse sheep cow elephant bear zebra giraffe backpack umbrella handbag tie
            suitcase frisbee skis snowboard sports ball kite baseball bat glove skateboard surfboard tennis racket
            bottle wine glass cup fork knife spoon bowl banana apple sandwich orange broccoli carrot hot pizza donut
            cake chair couch potted plant bed dining table toilet tv laptop mouse remote keyboard cell phone
            microwave oven toaster sink refrigerator book clock vase scissors teddy hair drier toothbrush
            obstacle speech pixel display draw red green blue yellow black white purple pink brown gray grey silver
            gold help halt freeze pause sos emergency navigate anticlockwise counterclockwise speaker recipient
            """;

    private static WordVectors vectors;

    @BeforeClass
    public static void readVectors() throws IOException {
        vectors = WordVectors.readBundled();
    }

    @Test
    public void knowsEveryRequiredWord() {
        List<String> missing = new ArrayList<>();
        for (String word : REQUIRED.split("\\s+")) {
            if (!word.isEmpty() && vectors.word(word).isEmpty()) {
                missing.add(word);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    public void looksWordsUpIgnoringCaseAsUnitVectors() {
        NeuralEmbedding person = vectors.word("Person").orElseThrow();
        assertEquals(vectors.word("person").orElseThrow(), person);
        assertEquals(List.of("person"), person.words());
        assertEquals(100, person.dimensions());
        double squares = 0;
        for (float x : person.vector()) {
            squares += x * x;
        }
        assertEquals(1.0, squares, 1e-5);
        assertTrue(vectors.word("xyzzyq").isEmpty());
        assertTrue(vectors.word("hot dog").isEmpty());
    }

    @Test
    public void embedsNothingWhenNoWordIsKnown() {
        assertTrue(vectors.embed("").isEmpty());
        assertTrue(vectors.embed("  123, 4.5 !? ").isEmpty());
        assertTrue(vectors.embed("xyzzyq plughq").isEmpty());
    }

    @Test
    public void embedsTheNormalisedMeanOfTheKnownWordsAndSaysWhichTheyWere() {
        NeuralEmbedding text = vectors.embed("Help me, ROBOT-xyzzyq 42!").orElseThrow();
        assertEquals(List.of("help", "me", "robot"), text.words());
        assertEquals(List.of("xyzzyq"), text.unknownWords());
        float[] help = vectors.word("help").orElseThrow().vector();
        float[] me = vectors.word("me").orElseThrow().vector();
        float[] robot = vectors.word("robot").orElseThrow().vector();
        float[] mean = new float[help.length];
        for (int d = 0; d < mean.length; d++) {
            mean[d] = (help[d] + me[d] + robot[d]) / 3;
        }
        assertArrayEquals(NeuralEmbedding.normalised(mean, List.of(), List.of()).vector(), text.vector(), 1e-6f);
    }

    @Test
    public void embedsOneWordAsThatWordAndIgnoresWordOrder() {
        assertArrayEquals(vectors.word("cup").orElseThrow().vector(), vectors.embed(" cup. ").orElseThrow().vector(),
                1e-6f);
        assertArrayEquals(vectors.word("cup").orElseThrow().vector(), vectors.embed("Cup cup").orElseThrow().vector(),
                1e-6f);
        assertEquals(1.0, vectors.embed("help me").orElseThrow().cosine(vectors.embed("me help").orElseThrow()),
                1e-6);
        assertTrue(vectors.embed("help me").orElseThrow().cosine(vectors.embed("cup").orElseThrow()) < 0.9);
    }

    @Test
    public void cosineOfRealEmbeddingsIsSymmetric() {
        NeuralEmbedding a = vectors.embed("bring me a cup").orElseThrow();
        NeuralEmbedding b = vectors.embed("person").orElseThrow();
        assertEquals(a.cosine(b), b.cosine(a), 0);
        assertEquals(1.0, a.cosine(a), 1e-6);
    }
}
