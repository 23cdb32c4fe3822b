package org.cogos.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/** Generated flows: exact size, known redundancy, and simplification that removes exactly that and keeps outputs. */
public class FlowGeneratorTest {

    @Test
    public void generatesTheRequestedSizeDeterministically() {
        for (int size : new int[] {1, 2, 7, 40, 250}) {
            GeneratedFlow first = new FlowGenerator(size).generate(size);
            GeneratedFlow again = new FlowGenerator(size).generate(size);
            assertEquals(size, first.operations());
            assertEquals(size, FlowMetrics.operations(first.flow()));
            assertEquals(first.flow(), again.flow());
            long injected = Math.min(size - 1, Math.round(size * FlowGenerator.DEFAULT_REDUNDANCY_SHARE));
            assertEquals(injected, first.redundantOperations());
        }
        assertNotEquals(new FlowGenerator(1).generate(50).flow(), new FlowGenerator(2).generate(50).flow());
    }

    @Test
    public void simplificationRemovesExactlyTheInjectedRedundancyAndKeepsOutputs() {
        FlowGenerator generator = new FlowGenerator(42);
        FlowSimplifier simplifier = FlowSimplifier.standard();
        int flows = 0;
        for (int size : new int[] {10, 30, 100, 200}) {
            for (int i = 0; i < 10; i++) {
                GeneratedFlow generated = generator.generate(size);
                Simplification result = simplifier.simplify(generated.flow());
                assertEquals(StopReason.SATURATED, result.saturation().stopReason());
                assertEquals("flow " + generated.flow(), generated.essentialOperations(), result.operationsAfter());
                assertTrue(TestInputs.sameOutputs(generated.flow(), result.simplified(), size + i));
                flows++;
            }
        }
        assertEquals(40, flows);
    }

    @Test
    public void outputCheckCatchesASimplifierWithAWrongRule() {
        List<Rule> withWrongRule = new ArrayList<>(Rules.standard());
        withWrongRule.add(Rule.of("smooth-dropped", "(smooth ?w ?x)", "?x"));
        FlowSimplifier unsound = new FlowSimplifier(withWrongRule, SaturationLimits.DEFAULT,
                CostModel.operationCount());
        FlowGenerator generator = new FlowGenerator(5);
        int caught = 0;
        for (int i = 0; i < 10; i++) {
            GeneratedFlow generated = generator.generate(60);
            Simplification result = unsound.simplify(generated.flow());
            if (!TestInputs.sameOutputs(generated.flow(), result.simplified(), i)) {
                caught++;
            }
        }
        assertTrue("only " + caught + "/10 unsound simplifications caught", caught >= 8);
    }

    @Test
    public void everyRedundancyKindIsInjected() {
        GeneratedFlow generated = new FlowGenerator(7).generate(600, 0.5);
        assertEquals(FlowGenerator.Redundancy.values().length, generated.injections().size());
        assertEquals(300, generated.redundantOperations());
    }

    @Test
    public void flowWithoutInjectedRedundancyIsAlreadyMinimal() {
        FlowGenerator generator = new FlowGenerator(3);
        for (int i = 0; i < 10; i++) {
            GeneratedFlow generated = generator.generate(60, 0);
            assertEquals(0, generated.redundantOperations());
            assertEquals(60, FlowSimplifier.standard().simplify(generated.flow()).operationsAfter());
        }
    }

    @Test
    public void rejectsInvalidRequests() {
        FlowGenerator generator = new FlowGenerator(1);
        assertThrows(IllegalArgumentException.class, () -> generator.generate(0));
        assertThrows(IllegalArgumentException.class, () -> generator.generate(10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> generator.generate(10, Double.NaN));
    }
}
