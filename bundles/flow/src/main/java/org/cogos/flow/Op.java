package org.cogos.flow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operations flows are built from. Every operation maps float vectors to float vectors of the same length,
 * so any flow can feed any other; {@link FlowEvaluator} gives the reference semantics of each.
 */
public enum Op {
    /** The flow's input vector. */
    INPUT("input", 0, 0),
    /** Passes its child through. */
    IDENTITY("identity", 0, 1),
    /** {@code (scale k x)}: every element times k. */
    SCALE("scale", 1, 1),
    /** {@code (offset c x)}: every element plus c. */
    OFFSET("offset", 1, 1),
    /** max(0, v) per element. */
    RELU("relu", 0, 1),
    /** {@code (clamp lo hi x)}: every element limited to [lo, hi]; lo must not exceed hi. */
    CLAMP("clamp", 2, 1),
    /** Divides by the L2 norm; the zero vector stays zero. */
    NORMALIZE("normalize", 0, 1),
    /** |v| per element. */
    ABS("abs", 0, 1),
    /** -v per element. */
    NEGATE("negate", 0, 1),
    /** Reverses the element order. */
    REVERSE("reverse", 0, 1),
    /** Sorts ascending. */
    SORT("sort", 0, 1),
    /** {@code (smooth w x)}: trailing moving average over w elements (fewer at the start); w a whole number >= 1. */
    SMOOTH("smooth", 1, 1),
    /** Element-wise sum of two flows. */
    ADD("add", 0, 2),
    /** Element-wise product of two flows. */
    MUL("mul", 0, 2);

    /** Largest accepted moving-average window; far beyond any signal length a robot pipeline handles. */
    public static final int MAX_SMOOTH_WINDOW = 1 << 20;

    private final String symbol;
    private final int constantCount;
    private final int childCount;

    Op(String symbol, int constantCount, int childCount) {
        this.symbol = symbol;
        this.constantCount = constantCount;
        this.childCount = childCount;
    }

    /** The name used in the s-expression syntax, e.g. {@code "relu"}. */
    public String symbol() {
        return symbol;
    }

    /** How many numeric constants the operation takes (written before its child flows). */
    public int constantCount() {
        return constantCount;
    }

    /** How many child flows the operation takes. */
    public int childCount() {
        return childCount;
    }

    /** The operation written as {@code symbol}, if any. */
    public static Optional<Op> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
    }

    /** All operation symbols, for error messages. */
    public static String knownSymbols() {
        return Arrays.stream(values()).map(Op::symbol).collect(Collectors.joining(", "));
    }

    /**
     * Why these constants are not valid for this operation, or empty when they are. Used by constructors (which
     * throw) and by samplers (which skip invalid draws) alike, so both apply the same rules.
     */
    public Optional<String> constantsProblem(List<Float> constants) {
        if (constants.size() != constantCount) {
            return Optional.of("op '" + symbol + "' takes " + constantCount + " constant(s), got " + constants.size());
        }
        for (Float c : constants) {
            if (c == null || !Float.isFinite(c)) {
                return Optional.of("constant " + c + " of op '" + symbol + "' is not a finite number");
            }
        }
        if (this == CLAMP && constants.get(0) > constants.get(1)) {
            return Optional.of("clamp lower bound " + constants.get(0) + " exceeds upper bound " + constants.get(1));
        }
        if (this == SMOOTH) {
            float window = constants.get(0);
            if (window != Math.rint(window) || window < 1 || window > MAX_SMOOTH_WINDOW) {
                return Optional.of("smooth window must be a whole number in [1, " + MAX_SMOOTH_WINDOW + "], got "
                        + window);
            }
        }
        return Optional.empty();
    }
}
