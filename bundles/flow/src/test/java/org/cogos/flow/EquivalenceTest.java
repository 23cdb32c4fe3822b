package org.cogos.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

/** Equivalence recognition with the standard rules, checked against the interpreter. */
public class EquivalenceTest {

    private final FlowSimplifier simplifier = FlowSimplifier.standard();

    @Test
    public void recognisesDifferentlyWrittenEquivalentFlows() {
        List<String[]> pairs = List.of(
                new String[] {"(relu (reverse (relu (reverse input))))", "(relu input)"},
                new String[] {"(normalize (scale 3 (normalize (abs (negate input)))))", "(normalize (abs input))"},
                new String[] {"(add (smooth 3 input) (smooth 3 input))", "(scale 2 (smooth 3 input))"},
                new String[] {"(sort (reverse (offset 1 (sort input))))", "(offset 1 (sort input))"},
                new String[] {"(scale 2 (scale 3 input))", "(scale 6 input)"},
                new String[] {"(mul (relu input) (abs input))", "(mul (abs input) (relu (relu input)))"},
                new String[] {"(clamp -1 1 (clamp -2 0.5 input))", "(clamp -1 0.5 input)"},
                new String[] {"(negate (scale 2 input))", "(scale -2 input)"},
                new String[] {"(add (negate input) (negate (relu input)))", "(negate (add (relu input) input))"},
                new String[] {"(reverse (clamp 0 1 (reverse (relu (smooth 1 input)))))", "(clamp 0 1 input)"},
                new String[] {"(add (abs (scale -2 input)) (abs input))", "(scale 3 (abs input))"});
        for (String[] pair : pairs) {
            Flow a = Flow.parse(pair[0]);
            Flow b = Flow.parse(pair[1]);
            assertTrue(pair[0] + " should agree with " + pair[1] + " numerically", TestInputs.sameOutputs(a, b, 3));
            Equivalence verdict = simplifier.equivalent(a, b);
            assertTrue(pair[0] + " not recognised as " + pair[1], verdict.proven());
            assertEquals(StopReason.SATURATED, verdict.saturation().stopReason());
        }
    }

    @Test
    public void keepsInequivalentFlowsApartEvenAfterSaturation() {
        List<String[]> pairs = List.of(
                new String[] {"(relu (negate input))", "(negate (relu input))"},
                new String[] {"(normalize (scale -1 input))", "(normalize input)"},
                new String[] {"(smooth 2 (reverse input))", "(reverse (smooth 2 input))"},
                new String[] {"(sort (negate input))", "(negate (sort input))"},
                new String[] {"(relu (clamp -1 1 input))", "(clamp -1 1 input)"},
                new String[] {"(add input (relu input))", "(scale 2 input)"});
        for (String[] pair : pairs) {
            Flow a = Flow.parse(pair[0]);
            Flow b = Flow.parse(pair[1]);
            assertFalse(pair[0] + " really differs from " + pair[1], TestInputs.sameOutputs(a, b, 3));
            Equivalence verdict = simplifier.equivalent(a, b);
            assertFalse(pair[0] + " wrongly proven equal to " + pair[1], verdict.proven());
            assertEquals(StopReason.SATURATED, verdict.saturation().stopReason());
        }
    }

    @Test
    public void doesNotMergeOffsetsWhoseFloatSumWouldRound() {
        Flow chained = Flow.parse("(offset 1 (offset -1 input))");
        assertFalse(simplifier.equivalent(chained, Flow.input()).proven());
    }
}
