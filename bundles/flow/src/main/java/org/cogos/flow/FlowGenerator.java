package org.cogos.flow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates sensor-pipeline-like flows with a known amount of redundancy. First an irredundant base: every leaf
 * is {@code (offset c input)} with its own constant (so no two sub-flows coincide), built from offset, relu,
 * clamp (lo < 0 < hi), smooth (window >= 2), normalize, add and mul (of bounded operands, so values stay finite),
 * never stacking relu, clamp or normalize directly on itself: no standard rule shrinks it. Then equivalence-
 * preserving wrappers are injected at random places until the requested size is reached; each adds a known number
 * of removable operations ({@link Redundancy}). Deterministic for a seed; not thread-safe.
 */
public final class FlowGenerator {

    /** Kinds of injected redundancy and the operations each adds. */
    public enum Redundancy {
        /** {@code (identity x)}: +1. */
        IDENTITY,
        /** {@code (offset 0 x)}, {@code (scale 1 x)} or {@code (smooth 1 x)}: +1. */
        NEUTRAL_CONSTANT,
        /** relu or abs over relu, normalize over normalize, a wider clamp over clamp: +1; normalize-scale: +2. */
        IDEMPOTENT,
        /** {@code (reverse (reverse x))}: +2. */
        REVERSE_PAIR,
        /** {@code (negate (negate x))}: +2. */
        NEGATE_PAIR,
        /** {@code (scale 2^m (scale 2^-m x))}, either sign: +2. */
        SCALE_PAIR,
        /** {@code (scale 0.5 (add x x'))} with x' a copy of x: +2 plus the copy's operations. */
        DUPLICATE_BRANCH
    }

    /** Default share of the operations that is injected redundancy. */
    public static final double DEFAULT_REDUNDANCY_SHARE = 0.3;
    private static final double BINARY_SHARE = 0.3;
    private static final double MUL_SHARE_OF_BINARY = 0.4;
    private static final Op[] BASE_UNARY = {Op.OFFSET, Op.RELU, Op.CLAMP, Op.SMOOTH, Op.NORMALIZE};
    private static final Redundancy[] KINDS = Redundancy.values();
    private static final int[] KIND_WEIGHTS = {1, 1, 2, 2, 1, 2, 2};

    /** Mutable tree used while generating; children are replaced when wrappers are injected. */
    private static final class Node {
        final Op op;
        final float[] constants;
        final Node[] children;

        Node(Op op, float[] constants, Node... children) {
            this.op = op;
            this.constants = constants;
            this.children = children;
        }

        Node copy() {
            Node[] copies = new Node[children.length];
            for (int i = 0; i < copies.length; i++) {
                copies[i] = children[i].copy();
            }
            return new Node(op, constants.clone(), copies);
        }

        Flow toFlow() {
            List<Float> values = new ArrayList<>();
            for (float c : constants) {
                values.add(c);
            }
            List<Flow> kids = new ArrayList<>();
            for (Node child : children) {
                kids.add(child.toFlow());
            }
            return new Flow(op, values, kids);
        }
    }

    /** A place a node hangs: a parent's child index, or the root when {@code parent} is null. */
    private record Slot(Node parent, int index, Node node, int operations) {
    }

    private final Random random;

    /** A generator whose sequence of flows is fixed by {@code seed}. */
    public FlowGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** A flow of {@code operations} operations, {@link #DEFAULT_REDUNDANCY_SHARE} of them redundant. */
    public GeneratedFlow generate(int operations) {
        return generate(operations, DEFAULT_REDUNDANCY_SHARE);
    }

    /**
     * A flow of exactly {@code operations} operations of which about {@code redundancyShare} are injected
     * redundancy.
     *
     * @throws IllegalArgumentException if {@code operations < 1} or the share is outside [0, 0.9]
     */
    public GeneratedFlow generate(int operations, double redundancyShare) {
        if (operations < 1) {
            throw new IllegalArgumentException("operations must be >= 1, got " + operations);
        }
        if (!(redundancyShare >= 0 && redundancyShare <= 0.9)) {
            throw new IllegalArgumentException("redundancyShare must be in [0, 0.9], got " + redundancyShare);
        }
        int baseOperations = Math.max(1, operations - (int) Math.round(operations * redundancyShare));
        Node[] root = {base(baseOperations)};
        int remaining = operations - baseOperations;
        int redundant = 0;
        Map<Redundancy, Integer> injections = new EnumMap<>(Redundancy.class);
        while (remaining > 0) {
            int added = inject(root, remaining, injections);
            remaining -= added;
            redundant += added;
        }
        Flow flow = root[0].toFlow();
        return new GeneratedFlow(flow, FlowMetrics.operations(flow), redundant, injections);
    }

    private Node base(int budget) {
        if (budget == 1) {
            return new Node(Op.OFFSET, new float[] {offsetConstant()}, new Node(Op.INPUT, new float[0]));
        }
        if (budget >= 5 && random.nextDouble() < BINARY_SHARE * MUL_SHARE_OF_BINARY) {
            int left = 2 + random.nextInt(budget - 4);
            return new Node(Op.MUL, new float[0], bounded(left), bounded(budget - 1 - left));
        }
        if (budget >= 3 && random.nextDouble() < BINARY_SHARE) {
            int left = 1 + random.nextInt(budget - 2);
            return new Node(Op.ADD, new float[0], base(left), base(budget - 1 - left));
        }
        Node child = base(budget - 1);
        Op op;
        do {
            op = BASE_UNARY[random.nextInt(BASE_UNARY.length)];
        } while (op == child.op && op != Op.OFFSET && op != Op.SMOOTH);
        return unary(op, child);
    }

    /** A base sub-flow whose values lie in [-1, 1] or a clamp range, so products cannot overflow. */
    private Node bounded(int budget) {
        Node inner = base(budget - 1);
        return inner.op == Op.NORMALIZE ? unary(Op.CLAMP, inner) : unary(Op.NORMALIZE, inner);
    }

    private Node unary(Op op, Node child) {
        float[] constants = switch (op) {
            case OFFSET -> new float[] {offsetConstant()};
            case CLAMP -> new float[] {-0.5f - 3.5f * random.nextFloat(), 0.5f + 3.5f * random.nextFloat()};
            case SMOOTH -> new float[] {2 + random.nextInt(4)};
            default -> new float[0];
        };
        return new Node(op, constants, child);
    }

    /** A nonzero offset in ±[0.1, 3]. */
    private float offsetConstant() {
        float magnitude = 0.1f + 2.9f * random.nextFloat();
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    /** Injects one redundancy of at most {@code remaining} operations; returns the operations it added. */
    private int inject(Node[] root, int remaining, Map<Redundancy, Integer> injections) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(null, 0, root[0], slots);
        while (true) {
            Redundancy kind = pickKind();
            List<Slot> fitting = slots.stream().filter(slot -> fits(kind, slot, remaining)).toList();
            if (fitting.isEmpty()) {
                continue;
            }
            Slot slot = fitting.get(random.nextInt(fitting.size()));
            Node wrapped = wrap(kind, slot.node(), remaining);
            if (slot.parent() == null) {
                root[0] = wrapped;
            } else {
                slot.parent().children[slot.index()] = wrapped;
            }
            injections.merge(kind, 1, Integer::sum);
            return operations(wrapped) - slot.operations();
        }
    }

    private Redundancy pickKind() {
        int total = 0;
        for (int weight : KIND_WEIGHTS) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < KINDS.length; i++) {
            draw -= KIND_WEIGHTS[i];
            if (draw < 0) {
                return KINDS[i];
            }
        }
        throw new IllegalStateException("weights exhausted at draw " + draw);
    }

    private static boolean fits(Redundancy kind, Slot slot, int remaining) {
        return switch (kind) {
            case IDENTITY, NEUTRAL_CONSTANT -> remaining >= 1;
            case IDEMPOTENT -> remaining >= 1
                    && (slot.node().op == Op.RELU || slot.node().op == Op.NORMALIZE || slot.node().op == Op.CLAMP);
            case REVERSE_PAIR, NEGATE_PAIR, SCALE_PAIR -> remaining >= 2;
            case DUPLICATE_BRANCH -> slot.operations() + 2 <= remaining;
        };
    }

    private Node wrap(Redundancy kind, Node x, int remaining) {
        return switch (kind) {
            case IDENTITY -> new Node(Op.IDENTITY, new float[0], x);
            case NEUTRAL_CONSTANT -> switch (random.nextInt(3)) {
                case 0 -> new Node(Op.OFFSET, new float[] {0f}, x);
                case 1 -> new Node(Op.SCALE, new float[] {1f}, x);
                default -> new Node(Op.SMOOTH, new float[] {1f}, x);
            };
            case IDEMPOTENT -> idempotent(x, remaining);
            case REVERSE_PAIR -> new Node(Op.REVERSE, new float[0], new Node(Op.REVERSE, new float[0], x));
            case NEGATE_PAIR -> new Node(Op.NEGATE, new float[0], new Node(Op.NEGATE, new float[0], x));
            case SCALE_PAIR -> {
                float factor = (float) Math.scalb(random.nextBoolean() ? 1.0 : -1.0, 1 + random.nextInt(3));
                yield new Node(Op.SCALE, new float[] {factor}, new Node(Op.SCALE, new float[] {1 / factor}, x));
            }
            case DUPLICATE_BRANCH -> {
                Node copy = x.copy();
                Node sum = random.nextBoolean() ? new Node(Op.ADD, new float[0], x, copy)
                        : new Node(Op.ADD, new float[0], copy, x);
                yield new Node(Op.SCALE, new float[] {0.5f}, sum);
            }
        };
    }

    private Node idempotent(Node x, int remaining) {
        return switch (x.op) {
            case RELU -> new Node(random.nextBoolean() ? Op.RELU : Op.ABS, new float[0], x);
            case CLAMP -> new Node(Op.CLAMP, new float[] {x.constants[0] - 1, x.constants[1] + 1}, x);
            case NORMALIZE -> remaining >= 2 && random.nextBoolean()
                    ? new Node(Op.NORMALIZE, new float[0],
                            new Node(Op.SCALE, new float[] {0.25f + 4 * random.nextFloat()}, x))
                    : new Node(Op.NORMALIZE, new float[0], x);
            default -> throw new IllegalStateException("no idempotent wrapper for " + x.op.symbol());
        };
    }

    /** Records every slot with its subtree's operation count; returns the count for {@code node}. */
    private static int collectSlots(Node parent, int index, Node node, List<Slot> slots) {
        int count = node.op == Op.INPUT ? 0 : 1;
        int position = slots.size();
        slots.add(null);
        for (int i = 0; i < node.children.length; i++) {
            count += collectSlots(node, i, node.children[i], slots);
        }
        slots.set(position, new Slot(parent, index, node, count));
        return count;
    }

    private static int operations(Node node) {
        int count = node.op == Op.INPUT ? 0 : 1;
        for (Node child : node.children) {
            count += operations(child);
        }
        return count;
    }
}
