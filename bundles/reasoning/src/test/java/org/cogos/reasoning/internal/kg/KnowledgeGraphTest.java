package org.cogos.reasoning.internal.kg;

import static org.cogos.reasoning.internal.kg.EdgeTest.assertMessageContains;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

public class KnowledgeGraphTest {

    private final FakeClock clock = new FakeClock(1_000);
    private final KnowledgeGraph graph = new KnowledgeGraph(100, 0.2, clock);

    @Test
    public void confirmingAnAbsentFactAddsItAtLearningRateTimesWeight() {
        Edge edge = graph.evolveKernelState(Evidence.confirmed("cup", "on", "table", 0.5)).orElseThrow();
        assertEquals(0.1, edge.strength(), 1e-12);
        assertEquals(1, edge.updates());
        assertEquals(1_000, edge.lastUpdatedMillis());
        assertEquals(Optional.of(edge), graph.get("cup", "on", "table"));
    }

    @Test
    public void repeatedEvidenceMovesStrengthAsAnExponentialMovingAverage() {
        for (int n = 1; n <= 10; n++) {
            clock.advance(1);
            Edge edge = graph.evolveKernelState(Evidence.confirmed("cup", "on", "table", 1)).orElseThrow();
            assertEquals(1 - Math.pow(0.8, n), edge.strength(), 1e-12);
            assertEquals(n, edge.updates());
            assertEquals(1_000 + n, edge.lastUpdatedMillis());
        }
        double before = graph.get("cup", "on", "table").orElseThrow().strength();
        Edge contradicted = graph.evolveKernelState(Evidence.contradicted("cup", "on", "table", 0.5)).orElseThrow();
        assertEquals(before - 0.1 * before, contradicted.strength(), 1e-12);
        assertEquals(11, contradicted.updates());
    }

    @Test
    public void contradictingAnAbsentFactStoresNothing() {
        assertEquals(Optional.empty(), graph.evolveKernelState(Evidence.contradicted("cup", "on", "floor", 1)));
        assertEquals(0, graph.size());
    }

    @Test
    public void strengthStaysInsideTheUnitIntervalWithFullLearningRate() {
        KnowledgeGraph fast = new KnowledgeGraph(10, 1.0, clock);
        assertEquals(1.0, fast.evolveKernelState(Evidence.confirmed("a", "r", "b", 1)).orElseThrow().strength(), 0);
        assertEquals(0.0, fast.evolveKernelState(Evidence.contradicted("a", "r", "b", 1)).orElseThrow().strength(),
                0);
    }

    @Test
    public void batchIsAppliedInOrderAndValidatedFirst() {
        List<Edge> updated = graph.evolveKernelState(List.of(
                Evidence.confirmed("a", "r", "b", 1),
                Evidence.contradicted("x", "r", "y", 1),
                Evidence.confirmed("a", "r", "b", 1)));
        assertEquals(List.of(0.2, 0.36), strengths(updated).stream().map(s -> Math.round(s * 1e9) / 1e9).toList());
        assertEquals(2, updated.get(1).updates());
        assertEquals(Optional.of(updated.get(1)), graph.get("a", "r", "b"));

        assertMessageContains("evidence #1", () -> graph.evolveKernelState(
                Arrays.asList(Evidence.confirmed("c", "r", "d", 1), null)));
        assertEquals("nothing of a rejected batch is applied", Optional.empty(), graph.get("c", "r", "d"));
    }

    @Test
    public void putGetRemove() {
        Edge edge = new Edge("a", "r", "b", 0.7, 5, 2);
        graph.put(edge);
        assertEquals(Optional.of(edge), graph.get("a", "r", "b"));
        Edge replacement = new Edge("a", "r", "b", 0.1, 6, 3);
        graph.put(replacement);
        assertEquals(1, graph.size());
        assertEquals(Optional.of(replacement), graph.remove("a", "r", "b"));
        assertEquals(Optional.empty(), graph.remove("a", "r", "b"));
        assertEquals(0, graph.size());
        assertEquals(List.of(), graph.outgoing("a"));
        assertEquals(List.of(), graph.byRelation("r"));
    }

    @Test
    public void indexesReturnStrongestFirst() {
        graph.put(new Edge("a", "likes", "b", 0.2, 1, 1));
        graph.put(new Edge("a", "likes", "c", 0.9, 1, 1));
        graph.put(new Edge("a", "fears", "d", 0.5, 1, 1));
        graph.put(new Edge("e", "likes", "c", 0.4, 1, 1));
        assertEquals(List.of("c", "d", "b"), graph.outgoing("a").stream().map(Edge::object).toList());
        assertEquals(List.of("a", "e"), graph.incoming("c").stream().map(Edge::subject).toList());
        assertEquals(List.of(0.9, 0.4, 0.2), graph.byRelation("likes").stream().map(Edge::strength).toList());
    }

    @Test
    public void queryCombinesPatternStrengthAndLimit() {
        graph.put(new Edge("a", "likes", "b", 0.2, 1, 1));
        graph.put(new Edge("a", "likes", "c", 0.9, 1, 1));
        graph.put(new Edge("a", "fears", "c", 0.5, 1, 1));
        graph.put(new Edge("e", "likes", "c", 0.4, 2, 1));
        graph.put(new Edge("f", "likes", "c", 0.4, 3, 1));
        assertEquals(List.of(0.9, 0.5), strengths(graph.query("a", null, "c", 0, 10)));
        assertEquals(List.of(0.9, 0.4, 0.4), strengths(graph.query(null, "likes", "c", 0.3, 10)));
        assertEquals("equal strengths: most recent first", List.of("f", "e"),
                graph.query(null, "likes", "c", 0.3, 3).subList(1, 3).stream().map(Edge::subject).toList());
        assertEquals(List.of(0.9, 0.5), strengths(graph.query(null, null, null, 0.45, 10)));
        assertEquals(List.of(0.9, 0.5, 0.4), strengths(graph.query(null, null, null, 0, 3)));
        assertEquals(List.of(0.2), strengths(graph.query("a", "likes", "b", 0, 1)));
        assertEquals(List.of(), graph.query("nobody", null, null, 0, 10));
        assertEquals(List.of(), graph.query("a", "hates", null, 0, 10));
        assertMessageContains("limit must be at least 1, was 0", () -> graph.query(null, null, null, 0, 0));
        assertMessageContains("minStrength must be in [0, 1], was 2.0", () -> graph.query(null, null, null, 2, 1));
        assertMessageContains("subject must not be blank", () -> graph.query("", null, null, 0, 1));
    }

    private static List<Double> strengths(List<Edge> edges) {
        return edges.stream().map(Edge::strength).toList();
    }

    @Test
    public void fullGraphEvictsTheWeakestThenTheLeastRecentlyUpdated() {
        KnowledgeGraph bounded = new KnowledgeGraph(3, 0.2, clock);
        bounded.put(new Edge("a", "r", "1", 0.5, 10, 1));
        bounded.put(new Edge("a", "r", "2", 0.3, 20, 1));
        bounded.put(new Edge("a", "r", "3", 0.3, 30, 1));
        bounded.put(new Edge("a", "r", "4", 0.9, 40, 1));
        assertEquals(Optional.empty(), bounded.get("a", "r", "2"));
        assertEquals(1, bounded.evictions());
        assertEquals(3, bounded.size());

        Edge newcomer = bounded.evolveKernelState(Evidence.confirmed("a", "r", "5", 0.5)).orElseThrow();
        assertEquals("a newcomer is admitted even when it is the weakest", Optional.of(newcomer),
                bounded.get("a", "r", "5"));
        assertEquals(Optional.empty(), bounded.get("a", "r", "3"));
        assertEquals(2, bounded.evictions());
        assertEquals(List.of("4", "1", "5"), bounded.snapshot().stream().map(Edge::object).toList());
        assertEquals(List.of(), bounded.incoming("3"));
    }

    @Test
    public void equalTimesAreEvictedInWriteOrder() {
        KnowledgeGraph bounded = new KnowledgeGraph(2, 0.2, clock);
        bounded.evolveKernelState(Evidence.confirmed("a", "r", "first", 1));
        bounded.evolveKernelState(Evidence.confirmed("a", "r", "second", 1));
        bounded.evolveKernelState(Evidence.confirmed("a", "r", "third", 1));
        assertFalse(bounded.get("a", "r", "first").isPresent());
        assertTrue(bounded.get("a", "r", "second").isPresent());
    }

    @Test
    public void traverseFindsTheStrongestPathNotTheShortest() {
        graph.put(new Edge("a", "to", "c", 0.3, 1, 1));
        graph.put(new Edge("a", "to", "b", 0.9, 1, 1));
        graph.put(new Edge("b", "to", "c", 0.9, 1, 1));
        graph.put(new Edge("c", "to", "a", 1.0, 1, 1));
        List<Reachable> reachable = graph.traverse("a", 5, 0);
        assertEquals(List.of("b", "c"), reachable.stream().map(Reachable::node).toList());
        Reachable c = reachable.get(1);
        assertEquals(0.81, c.strength(), 1e-12);
        assertEquals(List.of("b", "c"), c.path().stream().map(Edge::object).toList());
        assertEquals("a", c.path().get(0).subject());
    }

    @Test
    public void traverseRespectsTheDepthBoundExactly() {
        // Best path to u is a-x-u (0.95, two edges); within two edges, v is reached only via a-u-v (0.5).
        graph.put(new Edge("a", "to", "u", 0.5, 1, 1));
        graph.put(new Edge("a", "to", "x", 1.0, 1, 1));
        graph.put(new Edge("x", "to", "u", 0.95, 1, 1));
        graph.put(new Edge("u", "to", "v", 1.0, 1, 1));
        Reachable v = node(graph.traverse("a", 2, 0), "v");
        assertEquals(0.5, v.strength(), 1e-12);
        assertEquals(2, v.depth());
        assertEquals(0.95, node(graph.traverse("a", 3, 0), "v").strength(), 1e-12);
        assertEquals(3, node(graph.traverse("a", 3, 0), "v").depth());
        assertEquals(List.of("x", "u"), graph.traverse("a", 1, 0).stream().map(Reachable::node).toList());
        assertEquals(0.5, node(graph.traverse("a", 1, 0), "u").strength(), 1e-12);
    }

    @Test
    public void traverseStopsAtWeakPathsAndHandlesCycles() {
        graph.put(new Edge("a", "to", "b", 0.8, 1, 1));
        graph.put(new Edge("b", "to", "c", 0.5, 1, 1));
        graph.put(new Edge("c", "to", "b", 1.0, 1, 1));
        graph.put(new Edge("b", "to", "b", 1.0, 1, 1));
        assertEquals(List.of("b"), graph.traverse("a", 10, 0.5).stream().map(Reachable::node).toList());
        assertEquals(List.of("b", "c"), graph.traverse("a", 10, 0.4).stream().map(Reachable::node).toList());
        assertEquals(List.of(), graph.traverse("nowhere", 3, 0));
        assertMessageContains("maxDepth must be at least 1, was 0", () -> graph.traverse("a", 0, 0));
    }

    private static Reachable node(List<Reachable> reachable, String node) {
        return reachable.stream().filter(r -> r.node().equals(node)).findFirst().orElseThrow();
    }

    @Test
    public void restoreKeepsTheStrongestWithinTheBound() {
        KnowledgeGraph bounded = new KnowledgeGraph(2, 0.2, clock);
        int dropped = bounded.restore(List.of(new Edge("a", "r", "weak", 0.1, 1, 1),
                new Edge("a", "r", "strong", 0.9, 1, 1), new Edge("a", "r", "old", 0.5, 1, 1),
                new Edge("a", "r", "new", 0.5, 2, 1)));
        assertEquals(2, dropped);
        assertEquals(List.of("strong", "new"), bounded.snapshot().stream().map(Edge::object).toList());
        assertEquals(0, bounded.evictions());
        assertMessageContains("(a, r, x) twice", () -> bounded.restore(List.of(
                new Edge("a", "r", "x", 0.1, 1, 1), new Edge("a", "r", "x", 0.2, 1, 1))));
        assertEquals(2, bounded.size());
    }

    @Test
    public void constructorRejectsBadConfiguration() {
        assertMessageContains("maxEdges must be at least 1, was 0", () -> new KnowledgeGraph(0, 0.2));
        assertMessageContains("learningRate must be in (0, 1], was 0.0", () -> new KnowledgeGraph(1, 0));
        assertMessageContains("learningRate must be in (0, 1], was 1.5", () -> new KnowledgeGraph(1, 1.5));
    }
}
