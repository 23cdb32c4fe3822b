package org.cogos.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable processing flow: an operation applied to constants and child flows. Composition is nesting, so
 * {@code (relu (scale 2 input))} scales the input, then applies relu. Sub-flows may be shared (the same object
 * used twice), which makes a flow a DAG; equality is structural either way. Passes over flows (parsing, printing,
 * hashing, evaluation, e-graph insertion) recurse once per nesting level; flows up to {@link #MAX_DEPTH} levels
 * deep are supported (the parser enforces it), deeper hand-built ones may exhaust the stack. Thread-safe.
 *
 * @param op        the operation at the root
 * @param constants the operation's numeric constants, finite and valid for {@code op}
 * @param children  the child flows, as many as {@code op} takes
 */
public record Flow(Op op, List<Float> constants, List<Flow> children) {

    /** Deepest nesting supported, see the class comment. */
    public static final int MAX_DEPTH = SExpr.MAX_DEPTH;

    private static final Flow INPUT = new Flow(Op.INPUT, List.of(), List.of());

    /** Validates arity and constants; throws IllegalArgumentException naming the bad value. */
    public Flow {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(constants, "constants");
        Objects.requireNonNull(children, "children");
        if (constants.stream().anyMatch(Objects::isNull) || children.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("op '" + op.symbol() + "' got a null constant or child");
        }
        constants = List.copyOf(constants);
        children = List.copyOf(children);
        op.constantsProblem(constants).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (children.size() != op.childCount()) {
            throw new IllegalArgumentException("op '" + op.symbol() + "' takes " + op.childCount()
                    + " child flow(s), got " + children.size());
        }
    }

    /** Parses the s-expression syntax, e.g. {@code (relu (scale 2 input))}; see {@link FlowParser}. */
    public static Flow parse(String text) {
        return FlowParser.parseFlow(text);
    }

    /** The input leaf. */
    public static Flow input() {
        return INPUT;
    }

    /** {@code (identity child)}. */
    public static Flow identity(Flow child) {
        return new Flow(Op.IDENTITY, List.of(), List.of(child));
    }

    /** {@code (scale factor child)}. */
    public static Flow scale(float factor, Flow child) {
        return new Flow(Op.SCALE, List.of(factor), List.of(child));
    }

    /** {@code (offset amount child)}. */
    public static Flow offset(float amount, Flow child) {
        return new Flow(Op.OFFSET, List.of(amount), List.of(child));
    }

    /** {@code (relu child)}. */
    public static Flow relu(Flow child) {
        return new Flow(Op.RELU, List.of(), List.of(child));
    }

    /** {@code (clamp lo hi child)}. */
    public static Flow clamp(float lo, float hi, Flow child) {
        return new Flow(Op.CLAMP, List.of(lo, hi), List.of(child));
    }

    /** {@code (normalize child)}. */
    public static Flow normalize(Flow child) {
        return new Flow(Op.NORMALIZE, List.of(), List.of(child));
    }

    /** {@code (abs child)}. */
    public static Flow abs(Flow child) {
        return new Flow(Op.ABS, List.of(), List.of(child));
    }

    /** {@code (negate child)}. */
    public static Flow negate(Flow child) {
        return new Flow(Op.NEGATE, List.of(), List.of(child));
    }

    /** {@code (reverse child)}. */
    public static Flow reverse(Flow child) {
        return new Flow(Op.REVERSE, List.of(), List.of(child));
    }

    /** {@code (sort child)}. */
    public static Flow sort(Flow child) {
        return new Flow(Op.SORT, List.of(), List.of(child));
    }

    /** {@code (smooth window child)}. */
    public static Flow smooth(int window, Flow child) {
        return new Flow(Op.SMOOTH, List.of((float) window), List.of(child));
    }

    /** {@code (add left right)}. */
    public static Flow add(Flow left, Flow right) {
        return new Flow(Op.ADD, List.of(), List.of(left, right));
    }

    /** {@code (mul left right)}. */
    public static Flow mul(Flow left, Flow right) {
        return new Flow(Op.MUL, List.of(), List.of(left, right));
    }

    /**
     * Structural equality. Iterative rather than the record's recursive default so that deep flows cannot exhaust
     * the stack; shared objects are skipped by identity, so DAGs compare in linear time.
     */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Flow that)) {
            return false;
        }
        Deque<Flow[]> pending = new ArrayDeque<>();
        pending.push(new Flow[] {this, that});
        while (!pending.isEmpty()) {
            Flow[] pair = pending.pop();
            Flow a = pair[0];
            Flow b = pair[1];
            if (a == b) {
                continue;
            }
            if (a.op != b.op || !a.constants.equals(b.constants)) {
                return false;
            }
            for (int i = 0; i < a.children.size(); i++) {
                pending.push(new Flow[] {a.children.get(i), b.children.get(i)});
            }
        }
        return true;
    }

    /** Structural hash, consistent with {@link #equals}; iterative and linear in distinct objects. */
    @Override
    public int hashCode() {
        Map<Flow, Integer> hashes = new IdentityHashMap<>();
        Deque<Flow> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            Flow flow = pending.peek();
            if (hashes.containsKey(flow)) {
                pending.pop();
                continue;
            }
            boolean childrenDone = true;
            for (Flow child : flow.children) {
                if (!hashes.containsKey(child)) {
                    pending.push(child);
                    childrenDone = false;
                }
            }
            if (childrenDone) {
                int hash = 31 * flow.op.ordinal() + flow.constants.hashCode();
                for (Flow child : flow.children) {
                    hash = 31 * hash + hashes.get(child);
                }
                hashes.put(flow, hash);
                pending.pop();
            }
        }
        return hashes.get(this);
    }

    /** The s-expression text; {@code Flow.parse(f.toString()).equals(f)} holds. Shared sub-flows print per use. */
    @Override
    public String toString() {
        return FlowParser.print(this);
    }
}
