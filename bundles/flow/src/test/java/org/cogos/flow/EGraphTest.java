package org.cogos.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class EGraphTest {

    @Test
    public void hashConsesEqualSubFlows() {
        EGraph graph = new EGraph();
        int first = graph.add(Flow.parse("(add (relu input) (relu input))"));
        int second = graph.add(Flow.parse("(add (relu input) (relu input))"));
        assertEquals(first, second);
        assertEquals(3, graph.nodeCount());
        assertEquals(3, graph.classCount());
    }

    @Test
    public void unionIsDeferredUntilRebuildForCongruence() {
        EGraph graph = new EGraph();
        int a = graph.add(Flow.parse("(offset 1 input)"));
        int b = graph.add(Flow.parse("(offset 2 input)"));
        int fa = graph.add(Flow.parse("(sort (relu (offset 1 input)))"));
        int fb = graph.add(Flow.parse("(sort (relu (offset 2 input)))"));
        assertTrue(graph.union(a, b));
        assertTrue(graph.needsRebuild());
        assertNotEquals(graph.find(fa), graph.find(fb));
        graph.rebuild();
        assertFalse(graph.needsRebuild());
        assertEquals(graph.find(fa), graph.find(fb));
        assertEquals(graph.find(graph.add(Flow.parse("(relu (offset 1 input))"))),
                graph.find(graph.add(Flow.parse("(relu (offset 2 input))"))));
    }

    @Test
    public void congruenceMergesBinaryParentsOnlyWhenAllChildrenAgree() {
        EGraph graph = new EGraph();
        int a = graph.add(Flow.parse("(relu input)"));
        int b = graph.add(Flow.parse("(abs input)"));
        int sumAa = graph.add(Flow.parse("(add (relu input) (relu input))"));
        int sumAb = graph.add(Flow.parse("(add (relu input) (abs input))"));
        int sumBb = graph.add(Flow.parse("(add (abs input) (abs input))"));
        graph.union(a, b);
        graph.rebuild();
        assertEquals(graph.find(sumAa), graph.find(sumAb));
        assertEquals(graph.find(sumAb), graph.find(sumBb));
        assertNotEquals(graph.find(sumAa), graph.find(a));
    }

    @Test
    public void unionOfTheSameClassReportsNoChange() {
        EGraph graph = new EGraph();
        int a = graph.add(Flow.input());
        assertFalse(graph.union(a, a));
        assertFalse(graph.needsRebuild());
    }

    @Test
    public void equivalentReflectsKnownEqualitiesOnly() {
        EGraph graph = new EGraph();
        Flow twice = Flow.parse("(relu (relu input))");
        Flow once = Flow.parse("(relu input)");
        assertFalse(graph.equivalent(twice, once));
        graph.union(graph.add(twice), graph.add(once));
        assertTrue(graph.equivalent(twice, once));
    }

    @Test
    public void rejectsUnknownClassIds() {
        EGraph graph = new EGraph();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> graph.find(5));
        assertTrue(error.getMessage(), error.getMessage().contains("no e-class with id 5"));
    }

    @Test
    public void extractorRefusesAGraphThatNeedsRebuild() {
        EGraph graph = new EGraph();
        graph.union(graph.add(Flow.parse("(relu input)")), graph.add(Flow.parse("(abs input)")));
        assertThrows(IllegalStateException.class, () -> new Extractor(graph, CostModel.operationCount()));
    }
}
