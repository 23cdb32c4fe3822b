package org.cogos.reasoning.internal.embedding;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class AlignmentTest {

    private static NeuralEmbedding of(float... vector) {
        return NeuralEmbedding.normalised(vector, List.of(), List.of());
    }

    @Test
    public void ranksCandidatesMostSimilarFirstAndBreaksTiesByLabel() {
        Map<String, NeuralEmbedding> candidates = new HashMap<>();
        candidates.put("opposite", of(-1, 0));
        candidates.put("same", of(2, 0));
        candidates.put("up", of(0, 1));
        candidates.put("down", of(0, -1));
        List<Alignment> ranked = Alignment.ranked(of(1, 0), candidates);
        assertEquals(List.of(new Alignment("same", 1), new Alignment("down", 0), new Alignment("up", 0),
                new Alignment("opposite", -1)), ranked);
        assertEquals(new Alignment("same", 1), Alignment.best(of(1, 0), candidates).orElseThrow());
    }

    @Test
    public void noCandidatesMeansNoBest() {
        assertTrue(Alignment.best(of(1, 0), Map.of()).isEmpty());
    }

    @Test
    public void refusesBadCandidatesAndValues() {
        Map<String, NeuralEmbedding> missing = new HashMap<>();
        missing.put("ghost", null);
        assertEquals("candidate 'ghost' has no embedding", assertThrows(IllegalArgumentException.class,
                () -> Alignment.ranked(of(1, 0), missing)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Alignment.best(of(1, 0), Map.of("x", of(1, 0, 0))));
        assertEquals("cosine of 'x' must be within [-1, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new Alignment("x", 1.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Alignment("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Alignment(null, 0));
    }
}
