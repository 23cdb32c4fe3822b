package org.cogos.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and prints the flow syntax. A flow is {@code input} or {@code (op constants... children...)}, e.g.
 * {@code (clamp -1 1 (add (relu input) (smooth 3 input)))}; constants are decimal numbers, finite in float range.
 * Patterns ({@link Pattern}) additionally allow {@code ?name} variables.
 * Errors are {@link FlowSyntaxException}s naming the offending token and its position. Stateless, thread-safe.
 */
final class FlowParser {

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    /** Integral constants print without a fraction below this magnitude; beyond it float spacing exceeds 1. */
    private static final float PLAIN_INTEGER_LIMIT = 1e7f;

    private FlowParser() {
    }

    /** Parses a flow; pattern variables are rejected. */
    public static Flow parseFlow(String text) {
        return (Flow) new Builder(false).build(SExpr.read(text));
    }

    /** Parses a pattern, where {@code ?name} stands for a flow or, in a constant position, for a constant. */
    public static Pattern parsePattern(String text) {
        return (Pattern) new Builder(true).build(SExpr.read(text));
    }

    /** The s-expression text of a flow; shared sub-flows are printed at every use. */
    public static String print(Flow flow) {
        StringBuilder text = new StringBuilder();
        print(flow, text);
        return text.toString();
    }

    /** A constant as the parser reads it back bit-exactly: integers plain, others in shortest float form. */
    public static String formatConstant(float value) {
        if (value == 0 && Float.floatToRawIntBits(value) != 0) {
            return "-0";
        }
        if (value == Math.rint(value) && Math.abs(value) < PLAIN_INTEGER_LIMIT) {
            return Long.toString((long) value);
        }
        return Float.toString(value);
    }

    private static void print(Flow flow, StringBuilder text) {
        Op op = flow.op();
        if (op.childCount() == 0 && op.constantCount() == 0) {
            text.append(op.symbol());
            return;
        }
        text.append('(').append(op.symbol());
        flow.constants().forEach(c -> text.append(' ').append(formatConstant(c)));
        for (Flow child : flow.children()) {
            text.append(' ');
            print(child, text);
        }
        text.append(')');
    }

    /** Builds a Flow, or a pattern when variables are allowed, from read s-expressions. */
    private static final class Builder {
        private final boolean patterns;
        /** Variable name to kind ("flow" or "constant"), so one name cannot be used as both. */
        private final Map<String, String> variableKinds = new HashMap<>();

        Builder(boolean patterns) {
            this.patterns = patterns;
        }

        Object build(SExpr expr) {
            if (expr.isAtom()) {
                return atom(expr);
            }
            if (expr.items().isEmpty()) {
                throw new FlowSyntaxException("empty list '()' where a flow was expected", expr.position());
            }
            SExpr head = expr.items().get(0);
            if (!head.isAtom()) {
                throw new FlowSyntaxException("expected an op name after '(', got a list", head.position());
            }
            Op op = Op.bySymbol(head.atom()).orElseThrow(() -> unknownOp(head));
            if (op.childCount() == 0 && op.constantCount() == 0) {
                throw new FlowSyntaxException("op '" + op.symbol() + "' takes no arguments; write it bare: "
                        + op.symbol(), head.position());
            }
            List<SExpr> args = expr.items().subList(1, expr.items().size());
            int expected = op.constantCount() + op.childCount();
            if (args.size() != expected) {
                throw new FlowSyntaxException("op '" + op.symbol() + "' expects " + expected + " argument(s) ("
                        + op.constantCount() + " constant(s), then " + op.childCount() + " flow(s)), got "
                        + args.size(), expr.position());
            }
            List<Float> constants = new ArrayList<>();
            List<Pattern.ConstantSlot> slots = new ArrayList<>();
            for (SExpr arg : args.subList(0, op.constantCount())) {
                if (patterns && arg.isAtom() && arg.atom().startsWith("?")) {
                    slots.add(new Pattern.ConstantVariable(
                            variable(arg, "constant")));
                } else {
                    float value = constant(op, arg);
                    constants.add(value);
                    slots.add(new Pattern.Literal(value));
                }
            }
            if (constants.size() == op.constantCount()) {
                int firstConstant = op.constantCount() == 0 ? expr.position() : args.get(0).position();
                op.constantsProblem(constants).ifPresent(problem -> {
                    throw new FlowSyntaxException(problem, firstConstant);
                });
            }
            List<Object> children = new ArrayList<>();
            for (SExpr arg : args.subList(op.constantCount(), args.size())) {
                children.add(build(arg));
            }
            if (!patterns) {
                return new Flow(op, constants, children.stream().map(Flow.class::cast).toList());
            }
            return new Pattern.Node(op, slots,
                    children.stream().map(Pattern.class::cast).toList());
        }

        private Object atom(SExpr expr) {
            String token = expr.atom();
            if (token.startsWith("?")) {
                if (!patterns) {
                    throw new FlowSyntaxException("pattern variable '" + token + "' is not allowed in a flow",
                            expr.position());
                }
                return new Pattern.Variable(variable(expr, "flow"));
            }
            if (DECIMAL.matcher(token).matches()) {
                throw new FlowSyntaxException("expected a flow, got the constant '" + token + "'", expr.position());
            }
            Op op = Op.bySymbol(token).orElseThrow(() -> unknownOp(expr));
            if (op.childCount() > 0 || op.constantCount() > 0) {
                throw new FlowSyntaxException("op '" + token + "' needs arguments: write (" + token + " ...)",
                        expr.position());
            }
            return patterns
                    ? new Pattern.Node(op, List.of(), List.of())
                    : Flow.input();
        }

        private String variable(SExpr expr, String kind) {
            String name = expr.atom().substring(1);
            if (name.isEmpty()) {
                throw new FlowSyntaxException("variable '?' has no name", expr.position());
            }
            String previous = variableKinds.putIfAbsent(name, kind);
            if (previous != null && !previous.equals(kind)) {
                throw new FlowSyntaxException("variable '?" + name + "' is used both as a " + previous + " and as a "
                        + kind, expr.position());
            }
            return name;
        }

        private static float constant(Op op, SExpr arg) {
            if (!arg.isAtom()) {
                throw new FlowSyntaxException("op '" + op.symbol() + "' expects " + op.constantCount()
                        + " constant(s) first, got a list", arg.position());
            }
            String token = arg.atom();
            if (!DECIMAL.matcher(token).matches()) {
                throw new FlowSyntaxException("bad constant '" + token + "' for op '" + op.symbol()
                        + "': not a finite decimal number", arg.position());
            }
            float value = Float.parseFloat(token);
            if (!Float.isFinite(value)) {
                throw new FlowSyntaxException("bad constant '" + token + "' for op '" + op.symbol()
                        + "': outside the float range", arg.position());
            }
            return value;
        }

        private static FlowSyntaxException unknownOp(SExpr token) {
            return new FlowSyntaxException("unknown op '" + token.atom() + "' (known: " + Op.knownSymbols() + ")",
                    token.position());
        }
    }
}
