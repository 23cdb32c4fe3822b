package org.cogos.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Test;

/** Stop reasons and limits of equality saturation. */
public class SaturationTest {

    private static final Flow DEEP = Flow.parse(
            "(relu (reverse (relu (reverse (relu (reverse (relu (reverse (add input (scale 2 input))))))))))");

    @Test
    public void reportsSaturationWithIterationsAndRuleUse() {
        EGraph graph = new EGraph();
        graph.add(DEEP);
        SaturationReport report = EqualitySaturation.run(graph, Rules.standard(), SaturationLimits.DEFAULT);
        assertEquals(StopReason.SATURATED, report.stopReason());
        assertTrue(report.iterations() > 1);
        assertTrue(report.unionsByRule().containsKey("reverse-reverse"));
        assertEquals(graph.nodeCount(), report.eNodes());
        assertEquals(graph.classCount(), report.eClasses());
    }

    @Test
    public void stopsAtTheIterationLimit() {
        EGraph graph = new EGraph();
        graph.add(DEEP);
        SaturationReport report = EqualitySaturation.run(graph, Rules.standard(),
                new SaturationLimits(1, 100_000, Duration.ofSeconds(10)));
        assertEquals(StopReason.ITERATION_LIMIT, report.stopReason());
        assertEquals(1, report.iterations());
    }

    @Test
    public void stopsAtTheNodeLimit() {
        EGraph graph = new EGraph();
        graph.add(DEEP);
        SaturationReport report = EqualitySaturation.run(graph, Rules.standard(),
                new SaturationLimits(100, graph.nodeCount() + 2, Duration.ofSeconds(10)));
        assertEquals(StopReason.NODE_LIMIT, report.stopReason());
    }

    @Test
    public void stopsWhenTheTimeBudgetIsSpent() {
        EGraph graph = new EGraph();
        graph.add(DEEP);
        SaturationReport report = EqualitySaturation.run(graph, Rules.standard(),
                new SaturationLimits(100, 100_000, Duration.ofNanos(1)));
        assertEquals(StopReason.TIMEOUT, report.stopReason());
    }

    @Test
    public void stoppedEarlyTheExtractedFlowIsStillEquivalent() {
        FlowSimplifier limited = new FlowSimplifier(Rules.standard(),
                new SaturationLimits(1, 100_000, Duration.ofSeconds(10)), CostModel.operationCount());
        Simplification result = limited.simplify(DEEP);
        assertEquals(StopReason.ITERATION_LIMIT, result.saturation().stopReason());
        assertTrue(result.operationsAfter() <= result.operationsBefore());
        assertTrue(TestInputs.sameOutputs(DEEP, result.simplified(), 5));
    }

    @Test
    public void rejectsInvalidLimits() {
        assertThrows(IllegalArgumentException.class, () -> new SaturationLimits(0, 10, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new SaturationLimits(1, 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new SaturationLimits(1, 10, Duration.ZERO));
    }
}
