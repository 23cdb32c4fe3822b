package org.cogos.flow;

import java.util.EnumMap;
import java.util.Map;

/**
 * The cost of one operation node, for choosing the cheapest equivalent flow. {@code input} must cost 0 (it is
 * free); every other operation must cost more than 0, which keeps the chosen flow acyclic. Implementations must be
 * pure and thread-safe.
 */
@FunctionalInterface
public interface CostModel {

    /** The cost of one node of {@code op}. */
    double cost(Op op);

    /** Every operation costs 1: the simplest flow is the one with the fewest operations. */
    static CostModel operationCount() {
        return op -> op == Op.INPUT ? 0 : 1;
    }

    /**
     * Per-operation costs, e.g. to make {@code sort} (n log n) dearer than {@code relu}; operations not listed
     * cost 1.
     *
     * @throws IllegalArgumentException if a cost is not finite and positive, or {@code input} is given a cost
     */
    static CostModel weighted(Map<Op, Double> costs) {
        Map<Op, Double> copy = new EnumMap<>(Op.class);
        costs.forEach((op, cost) -> {
            if (op == Op.INPUT) {
                throw new IllegalArgumentException("input is free; it cannot be given cost " + cost);
            }
            if (cost == null || !(cost > 0) || cost.isInfinite()) {
                throw new IllegalArgumentException("cost of " + op.symbol() + " must be finite and > 0, got " + cost);
            }
            copy.put(op, cost);
        });
        return op -> op == Op.INPUT ? 0 : copy.getOrDefault(op, 1.0);
    }
}
