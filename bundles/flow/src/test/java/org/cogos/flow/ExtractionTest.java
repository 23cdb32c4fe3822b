package org.cogos.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

/** Cheapest-term extraction and redundant-path removal. */
public class ExtractionTest {

    private final FlowSimplifier simplifier = FlowSimplifier.standard();

    @Test
    public void simplifiesToTheCheapestEquivalentFlow() {
        Simplification result = simplifier.simplify(Flow.parse("(relu (scale 2 (relu input)))"));
        assertEquals(Flow.parse("(scale 2 (relu input))"), result.simplified());
        assertEquals(3, result.operationsBefore());
        assertEquals(2, result.operationsAfter());
    }

    @Test
    public void sharesASubFlowComputedOnTwoBranches() {
        Flow twoBranches = Flow.parse("(add (smooth 3 (offset 1 input)) (mul (smooth 3 (offset 1 input)) input))");
        Simplification result = simplifier.simplify(twoBranches);
        assertEquals(6, result.operationsBefore());
        assertEquals(4, result.operationsAfter());
        assertEquals(6, FlowMetrics.operations(result.simplified()));
        Flow smoothed = result.simplified().children().stream().filter(f -> f.op() == Op.SMOOTH).findFirst()
                .orElseThrow();
        Flow product = result.simplified().children().stream().filter(f -> f.op() == Op.MUL).findFirst()
                .orElseThrow();
        assertTrue(product.children().stream().anyMatch(child -> child == smoothed));
        assertTrue(TestInputs.sameOutputs(twoBranches, result.simplified(), 11));
    }

    @Test
    public void mergesDifferentlyWrittenDuplicateBranches() {
        Flow flow = Flow.parse("(add (relu (smooth 2 input)) (reverse (reverse (relu (relu (smooth 2 input))))))");
        Simplification result = simplifier.simplify(flow);
        assertEquals(Flow.parse("(scale 2 (relu (smooth 2 input)))"), result.simplified());
        assertEquals(8, result.operationsBefore());
        assertEquals(3, result.operationsAfter());
    }

    @Test
    public void removesRedundancyHiddenBehindCommutation() {
        Flow flow = Flow.parse("(sort (reverse (offset 2 (reverse (sort (sort input))))))");
        Simplification result = simplifier.simplify(flow);
        assertEquals(Flow.parse("(offset 2 (sort input))"), result.simplified());
    }

    @Test
    public void perOperationCostsChangeTheChoice() {
        Flow flow = Flow.parse("(scale -1 (relu input))");
        FlowSimplifier negateDear = new FlowSimplifier(Rules.standard(), SaturationLimits.DEFAULT,
                CostModel.weighted(Map.of(Op.NEGATE, 5.0)));
        FlowSimplifier scaleDear = new FlowSimplifier(Rules.standard(), SaturationLimits.DEFAULT,
                CostModel.weighted(Map.of(Op.SCALE, 5.0)));
        assertEquals(Flow.parse("(scale -1 (relu input))"), negateDear.simplify(flow).simplified());
        assertEquals(Flow.parse("(negate (relu input))"), scaleDear.simplify(flow).simplified());
    }

    @Test
    public void extractorReportsTheCostAndSharesClassObjects() {
        EGraph graph = new EGraph();
        int root = graph.add(Flow.parse("(add (abs input) (abs input))"));
        EqualitySaturation.run(graph, Rules.standard(), SaturationLimits.DEFAULT);
        Extractor extractor = new Extractor(graph, CostModel.operationCount());
        assertEquals(2.0, extractor.cost(root), 0);
        assertSame(extractor.extract(root), extractor.extract(root));
    }

    @Test
    public void countsOperationsAsWrittenAndDistinct() {
        Flow shared = Flow.parse("(relu input)");
        Flow dag = Flow.add(shared, Flow.mul(shared, shared));
        assertEquals(5, FlowMetrics.operations(dag));
        assertEquals(3, FlowMetrics.distinctOperations(dag));
        assertEquals(0, FlowMetrics.operations(Flow.input()));
    }

    @Test
    public void rejectsInvalidCosts() {
        assertThrows(IllegalArgumentException.class, () -> CostModel.weighted(Map.of(Op.SORT, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> CostModel.weighted(Map.of(Op.INPUT, 1.0)));
        assertThrows(IllegalArgumentException.class,
                () -> CostModel.weighted(Map.of(Op.RELU, Double.POSITIVE_INFINITY)));
    }
}
