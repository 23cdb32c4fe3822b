package org.cogos.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the cheapest e-node of every e-class and builds flows from those choices. A node's cost is its
 * operation's cost plus its children's best costs (so a sub-flow used twice is paid twice in the choice); the
 * flows built share one object per e-class, so the result is a DAG in which every class, hence every repeated
 * sub-flow, appears once. Reflects the graph at construction. Not thread-safe.
 */
public final class Extractor {

    private final EGraph graph;
    private final Map<Integer, Double> bestCost = new HashMap<>();
    private final Map<Integer, ENode> bestNode = new HashMap<>();
    private final Map<Integer, Flow> built = new HashMap<>();

    /**
     * Computes the best node of every class (fixpoint iteration, as costs of children improve).
     *
     * @throws IllegalStateException if the graph needs a rebuild
     */
    public Extractor(EGraph graph, CostModel costs) {
        this.graph = Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(costs, "costs");
        if (graph.needsRebuild()) {
            throw new IllegalStateException("e-graph must be rebuilt before extraction");
        }
        List<Integer> ids = graph.classIds();
        boolean improved = true;
        while (improved) {
            improved = false;
            for (int id : ids) {
                for (ENode node : graph.nodes(id)) {
                    double cost = costOf(node, costs);
                    Double current = bestCost.get(id);
                    if (cost < Double.POSITIVE_INFINITY && (current == null || cost < current)) {
                        bestCost.put(id, cost);
                        bestNode.put(id, node);
                        improved = true;
                    }
                }
            }
        }
    }

    private double costOf(ENode node, CostModel costs) {
        double cost = costs.cost(node.op);
        for (int i = 0; i < node.childCount(); i++) {
            Double child = bestCost.get(graph.find(node.child(i)));
            if (child == null) {
                return Double.POSITIVE_INFINITY;
            }
            cost += child;
        }
        return cost;
    }

    /** The cost of the cheapest flow in {@code classId}'s class. */
    public double cost(int classId) {
        return bestCost.get(graph.find(classId));
    }

    /** The cheapest flow of {@code classId}'s class, sharing one object per e-class. */
    public Flow extract(int classId) {
        int root = graph.find(classId);
        Flow known = built.get(root);
        if (known != null) {
            return known;
        }
        ENode node = bestNode.get(root);
        if (node == null) {
            throw new IllegalStateException("e-class " + root + " has no finite-cost flow");
        }
        Flow[] children = new Flow[node.childCount()];
        for (int i = 0; i < children.length; i++) {
            children[i] = extract(node.child(i));
        }
        Flow flow = new Flow(node.op, node.constantList(), List.of(children));
        built.put(root, flow);
        return flow;
    }
}
