package org.cogos.reasoning.internal.embedding;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class NeuralEmbeddingTest {

    private static NeuralEmbedding of(float... vector) {
        return NeuralEmbedding.normalised(vector, List.of("w"), List.of());
    }

    @Test
    public void cosineIsSymmetricAndOneForItself() {
        NeuralEmbedding a = of(1, 2, 3);
        NeuralEmbedding b = of(-2, 0.5f, 1);
        assertEquals(1.0, a.cosine(a), 1e-6);
        assertEquals(a.cosine(b), b.cosine(a), 0);
        // (1,2,3).(-2,0.5,1) = 2, |a| = sqrt(14), |b| = sqrt(5.25)
        assertEquals(2 / Math.sqrt(14 * 5.25), a.cosine(b), 1e-6);
        assertEquals(-1.0, of(1, 0).cosine(of(-3, 0)), 0);
        assertEquals(0.0, of(1, 0).cosine(of(0, 2)), 0);
    }

    @Test
    public void refusesToCompareDifferentDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> of(1, 0).cosine(of(1, 0, 0)));
        assertEquals("cannot compare a 2-dimensional embedding with a 3-dimensional one", e.getMessage());
    }

    @Test
    public void copiesItsVectorAndWordsInAndOut() {
        float[] vector = {0.6f, 0.8f};
        List<String> words = new ArrayList<>(List.of("red"));
        NeuralEmbedding e = new NeuralEmbedding(vector, words, List.of("xyzzy"));
        vector[0] = 0;
        words.add("blue");
        e.vector()[1] = 0;
        assertArrayEquals(new float[] {0.6f, 0.8f}, e.vector(), 0);
        assertEquals(List.of("red"), e.words());
        assertEquals(List.of("xyzzy"), e.unknownWords());
        assertThrows(UnsupportedOperationException.class, () -> e.words().add("x"));
    }

    @Test
    public void refusesVectorsThatAreNotUnitOrNotFinite() {
        assertEquals("an embedding must be a unit vector, got length 2.0", assertThrows(IllegalArgumentException.class,
                () -> new NeuralEmbedding(new float[] {2, 0}, List.of(), List.of())).getMessage());
        assertEquals("embedding component 1 is NaN", assertThrows(IllegalArgumentException.class,
                () -> new NeuralEmbedding(new float[] {1, Float.NaN}, List.of(), List.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NeuralEmbedding(new float[0], List.of(), List.of()));
        assertEquals("cannot normalise a vector of length 0.0", assertThrows(IllegalArgumentException.class,
                () -> of(0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> of(Float.POSITIVE_INFINITY, 0));
    }

    @Test
    public void equalityFollowsVectorAndWords() {
        assertEquals(of(3, 4), of(0.6f, 0.8f));
        assertEquals(of(3, 4).hashCode(), of(0.6f, 0.8f).hashCode());
        assertNotEquals(of(3, 4), of(4, 3));
        assertNotEquals(of(3, 4), NeuralEmbedding.normalised(new float[] {3, 4}, List.of("v"), List.of()));
        assertTrue(of(3, 4).toString().contains("2d"));
    }
}
