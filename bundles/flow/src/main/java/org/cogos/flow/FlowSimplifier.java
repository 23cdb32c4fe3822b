package org.cogos.flow;

import java.util.List;
import java.util.Objects;

/**
 * Flow equivalence in one call: puts flows in a fresh e-graph, saturates it with the rules, then compares classes
 * or extracts the cheapest equivalent flow. Immutable and thread-safe (every call uses its own e-graph).
 */
final class FlowSimplifier {

    private final List<Rule> rules;
    private final SaturationLimits limits;
    private final CostModel costs;

    /** A simplifier with these rules, limits and costs. */
    public FlowSimplifier(List<Rule> rules, SaturationLimits limits, CostModel costs) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        this.limits = Objects.requireNonNull(limits, "limits");
        this.costs = Objects.requireNonNull(costs, "costs");
    }

    /** The standard rules, default limits, and operation-count cost. */
    public static FlowSimplifier standard() {
        return new FlowSimplifier(Rules.standard(), SaturationLimits.DEFAULT, CostModel.operationCount());
    }

    /** The cheapest flow equivalent to {@code flow} that the rules can reach. */
    public Simplification simplify(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        EGraph graph = new EGraph();
        int root = graph.add(flow);
        SaturationReport report = EqualitySaturation.run(graph, rules, limits);
        Flow simplified = new Extractor(graph, costs).extract(root);
        return new Simplification(flow, simplified, FlowMetrics.operations(flow),
                FlowMetrics.distinctOperations(simplified), report);
    }

    /** Whether the rules prove {@code a} and {@code b} equivalent. */
    public Equivalence equivalent(Flow a, Flow b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        EGraph graph = new EGraph();
        int classA = graph.add(a);
        int classB = graph.add(b);
        SaturationReport report = EqualitySaturation.run(graph, rules, limits);
        return new Equivalence(graph.find(classA) == graph.find(classB), report);
    }
}
