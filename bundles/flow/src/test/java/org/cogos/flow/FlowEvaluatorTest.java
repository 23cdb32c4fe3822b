package org.cogos.flow;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FlowEvaluatorTest {

    private static final float[] X = {3f, -4f, 0f, 1f};

    @Test
    public void evaluatesEveryOperation() {
        assertOutput("input", 3f, -4f, 0f, 1f);
        assertOutput("(identity input)", 3f, -4f, 0f, 1f);
        assertOutput("(scale 2 input)", 6f, -8f, 0f, 2f);
        assertOutput("(offset -1 input)", 2f, -5f, -1f, 0f);
        assertOutput("(relu input)", 3f, 0f, 0f, 1f);
        assertOutput("(clamp -1 2 input)", 2f, -1f, 0f, 1f);
        float norm = (float) Math.sqrt(26);
        assertOutput("(normalize input)", 3f / norm, -4f / norm, 0f, 1f / norm);
        assertOutput("(abs input)", 3f, 4f, 0f, 1f);
        assertOutput("(negate input)", -3f, 4f, -0f, -1f);
        assertOutput("(reverse input)", 1f, 0f, -4f, 3f);
        assertOutput("(sort input)", -4f, 0f, 1f, 3f);
        assertOutput("(smooth 2 input)", 3f, -0.5f, -2f, 0.5f);
        assertOutput("(smooth 10 input)", 3f, -0.5f, -1f / 3f, 0f);
        assertOutput("(add input (relu input))", 6f, -4f, 0f, 2f);
        assertOutput("(mul input input)", 9f, 16f, 0f, 1f);
    }

    @Test
    public void normalizeLeavesTheZeroVectorAndEmptyInputAlone() {
        assertArrayEquals(new float[] {0f, 0f}, FlowEvaluator.evaluate(Flow.parse("(normalize input)"),
                new float[] {0f, 0f}), 0f);
        assertEquals(0, FlowEvaluator.evaluate(Flow.parse("(normalize (smooth 3 input))"), new float[0]).length);
    }

    @Test
    public void normalizedVectorHasUnitLength() {
        float[] out = FlowEvaluator.evaluate(Flow.parse("(normalize input)"), new float[] {1e-20f, 3e-20f, -2e-20f});
        double squares = 0;
        for (float v : out) {
            squares += v * v;
        }
        assertEquals(1.0, squares, 1e-6);
    }

    @Test
    public void sharedSubFlowGivesTheSameResultAsItsCopy() {
        Flow shared = Flow.parse("(smooth 3 (offset 1 input))");
        Flow dag = Flow.add(shared, Flow.relu(shared));
        Flow tree = Flow.parse("(add (smooth 3 (offset 1 input)) (relu (smooth 3 (offset 1 input))))");
        assertArrayEquals(FlowEvaluator.evaluate(tree, X), FlowEvaluator.evaluate(dag, X), 0f);
    }

    @Test
    public void doesNotModifyTheInput() {
        float[] input = X.clone();
        FlowEvaluator.evaluate(Flow.parse("(sort (negate input))"), input);
        assertArrayEquals(X, input, 0f);
    }

    @Test
    public void rejectsNonFiniteInputNamingTheElement() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FlowEvaluator.evaluate(Flow.input(), new float[] {1f, Float.NaN}));
        assertTrue(error.getMessage(), error.getMessage().contains("input element 1 is NaN"));
    }

    private static void assertOutput(String flow, float... expected) {
        assertArrayEquals(flow, expected, FlowEvaluator.evaluate(Flow.parse(flow), X), 1e-6f);
    }
}
