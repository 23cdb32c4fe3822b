package org.cogos.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class FlowParserTest {

    @Test
    public void parsesNestedFlowsIntoRecords() {
        Flow flow = Flow.parse("(relu (scale 2 (relu input)))");
        assertEquals(Flow.relu(Flow.scale(2, Flow.relu(Flow.input()))), flow);
    }

    @Test
    public void printThenParseGivesTheSameFlowForAllOperations() {
        List<String> texts = List.of("input", "(identity input)", "(scale -0.25 input)", "(offset 1.0E-5 input)",
                "(clamp -1 2.5 (relu input))", "(normalize (abs (negate input)))", "(sort (reverse input))",
                "(smooth 4 input)", "(add (mul input input) (scale 3.4028235E38 input))", "(scale -0 input)",
                "(offset 1.23456792E8 input)", "(offset 9999999 input)");
        for (String text : texts) {
            Flow flow = Flow.parse(text);
            assertEquals(text, flow.toString());
            assertEquals(flow, Flow.parse(flow.toString()));
        }
    }

    @Test
    public void acceptsWhitespaceAndSignedDecimals() {
        assertEquals(Flow.offset(-0.5f, Flow.scale(0.5f, Flow.input())),
                Flow.parse("  ( offset  -.5\n(scale +5e-1 input) )  "));
    }

    @Test
    public void keepsNegativeZeroDistinctFromZero() {
        assertEquals(Float.floatToIntBits(-0f),
                Float.floatToIntBits(Flow.parse("(scale -0 input)").constants().get(0)));
    }

    @Test
    public void rejectsUnknownOpNamingItAndItsPosition() {
        FlowSyntaxException error = assertThrows(FlowSyntaxException.class,
                () -> Flow.parse("(relu (blur 2 input))"));
        assertTrue(error.getMessage(), error.getMessage().contains("unknown op 'blur'"));
        assertEquals(7, error.position());
    }

    @Test
    public void rejectsWrongArity() {
        assertMessage("(scale 2)", "op 'scale' expects 2 argument(s)");
        assertMessage("(relu input input)", "op 'relu' expects 1 argument(s)");
        assertMessage("(add input)", "op 'add' expects 2 argument(s)");
        assertMessage("(clamp 0 input)", "op 'clamp' expects 3 argument(s)");
        assertMessage("(input)", "op 'input' takes no arguments");
        assertMessage("relu", "op 'relu' needs arguments");
    }

    @Test
    public void rejectsBadConstantsNamingThem() {
        assertMessage("(scale NaN input)", "bad constant 'NaN'");
        assertMessage("(scale Infinity input)", "bad constant 'Infinity'");
        assertMessage("(offset 1e39 input)", "bad constant '1e39'");
        assertMessage("(offset abc input)", "bad constant 'abc'");
        assertMessage("(scale (relu input) input)", "expects 1 constant(s) first");
        assertMessage("(clamp 2 1 input)", "clamp lower bound 2.0 exceeds upper bound 1.0");
        assertMessage("(smooth 2.5 input)", "smooth window must be a whole number");
        assertMessage("(smooth 0 input)", "smooth window must be a whole number");
        assertMessage("(relu 3)", "expected a flow, got the constant '3'");
    }

    @Test
    public void rejectsMalformedText() {
        assertMessage("", "empty flow text");
        assertMessage("   ", "empty flow text");
        assertMessage("(relu input", "missing ')'");
        assertMessage("(relu input))", "unexpected ')' after the end");
        assertMessage("input input", "unexpected 'input' after the end");
        assertMessage(")", "unexpected ')'");
        assertMessage("()", "empty list");
        assertMessage("((relu) input)", "expected an op name");
        assertMessage("(relu ?x)", "pattern variable '?x' is not allowed in a flow");
    }

    @Test
    public void handlesFlowsAsDeepAsTheLimitAndRejectsDeeperText() {
        String deep = "(relu ".repeat(Flow.MAX_DEPTH - 1) + "(reverse input" + ")".repeat(Flow.MAX_DEPTH);
        Flow flow = Flow.parse(deep);
        assertEquals(deep, flow.toString());
        assertEquals(flow, Flow.parse(flow.toString()));
        assertEquals(flow.hashCode(), Flow.parse(deep).hashCode());
        assertEquals(2, FlowEvaluator.evaluate(flow, new float[] {1f, -1f}).length);
        assertEquals(2, FlowSimplifier.standard().simplify(flow).operationsAfter());
        assertMessage("(relu " + deep + ")", "nested deeper than " + Flow.MAX_DEPTH + " levels");
    }

    @Test
    public void constructorsRejectInvalidFlowsToo() {
        assertThrows(IllegalArgumentException.class, () -> Flow.scale(Float.NaN, Flow.input()));
        assertThrows(IllegalArgumentException.class, () -> Flow.clamp(1, 0, Flow.input()));
        assertThrows(IllegalArgumentException.class, () -> new Flow(Op.ADD, List.of(), List.of(Flow.input())));
        assertThrows(IllegalArgumentException.class, () -> Flow.parse(null));
    }

    @Test
    public void parsesPatternsWithFlowAndConstantVariables() {
        Pattern pattern = Pattern.parse("(scale ?a (add ?x (scale 2 ?x)))");
        assertEquals(List.of("x"), List.copyOf(pattern.termVariables()));
        assertEquals(List.of("a"), List.copyOf(pattern.constantVariables()));
        assertEquals("(scale ?a (add ?x (scale 2 ?x)))", pattern.toString());
    }

    @Test
    public void rejectsAVariableUsedAsFlowAndConstant() {
        FlowSyntaxException error = assertThrows(FlowSyntaxException.class,
                () -> Pattern.parse("(scale ?x ?x)"));
        assertTrue(error.getMessage(), error.getMessage().contains("'?x' is used both as a constant and as a flow"));
    }

    private static void assertMessage(String text, String expected) {
        FlowSyntaxException error = assertThrows(text, FlowSyntaxException.class, () -> Flow.parse(text));
        assertTrue("'" + text + "' gave: " + error.getMessage(), error.getMessage().contains(expected));
    }
}
