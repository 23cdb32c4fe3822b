package org.cogos.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Equality saturation: repeatedly match every rule against the e-graph, apply all matches, rebuild, until nothing
 * changes (saturated) or a limit is hit. Searching before applying keeps each round's matches consistent with one
 * graph state. Stateless, thread-safe (each run works on the caller's graph).
 */
public final class EqualitySaturation {

    private static final Logger LOG = LoggerFactory.getLogger(EqualitySaturation.class);

    private EqualitySaturation() {
    }

    /** Saturates {@code graph} with {@code rules} within {@code limits}; the graph is left rebuilt. */
    public static SaturationReport run(EGraph graph, List<Rule> rules, SaturationLimits limits) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(limits, "limits");
        long start = System.nanoTime();
        long deadline = start + limits.timeBudget().toNanos();
        Map<String, Integer> unionsByRule = new TreeMap<>();
        graph.rebuild();
        int iterations = 0;
        StopReason reason = null;
        while (reason == null) {
            if (iterations >= limits.maxIterations()) {
                reason = StopReason.ITERATION_LIMIT;
                break;
            }
            List<List<EMatcher.Match>> matchesByRule = new ArrayList<>(rules.size());
            EMatcher matcher = new EMatcher(graph);
            for (Rule rule : rules) {
                if (System.nanoTime() > deadline) {
                    reason = StopReason.TIMEOUT;
                    break;
                }
                matchesByRule.add(matcher.search(rule.lhs()));
            }
            boolean changed = false;
            for (int r = 0; r < matchesByRule.size() && reason == null; r++) {
                Rule rule = rules.get(r);
                for (EMatcher.Match match : matchesByRule.get(r)) {
                    if (apply(graph, rule, match)) {
                        changed = true;
                        unionsByRule.merge(rule.name(), 1, Integer::sum);
                    }
                    if (graph.nodesAdded() > limits.maxNodes()) {
                        reason = StopReason.NODE_LIMIT;
                        break;
                    }
                }
                if (reason == null && System.nanoTime() > deadline) {
                    reason = StopReason.TIMEOUT;
                }
            }
            graph.rebuild();
            iterations++;
            if (reason == null && !changed) {
                reason = StopReason.SATURATED;
            }
        }
        SaturationReport report = new SaturationReport(reason, iterations, graph.nodeCount(), graph.classCount(),
                System.nanoTime() - start, unionsByRule);
        LOG.debug("equality saturation stopped: {} after {} iteration(s), {} e-nodes, {} e-classes", reason,
                iterations, report.eNodes(), report.eClasses());
        return report;
    }

    /** Adds the rule's right-hand side for one match and merges it with the matched class. */
    private static boolean apply(EGraph graph, Rule rule, EMatcher.Match match) {
        Map<String, Float> constants = rule.guard().rhsConstants(match.constants()).orElse(null);
        if (constants == null) {
            return false;
        }
        int rhs = instantiate(graph, rule, rule.rhs(), match.terms(), constants);
        return graph.union(match.classId(), rhs);
    }

    private static int instantiate(EGraph graph, Rule rule, Pattern pattern, Map<String, Integer> terms,
            Map<String, Float> constants) {
        if (pattern instanceof Pattern.Variable variable) {
            return graph.find(terms.get(variable.name()));
        }
        Pattern.Node node = (Pattern.Node) pattern;
        List<Float> values = new ArrayList<>(node.constants().size());
        for (Pattern.ConstantSlot slot : node.constants()) {
            values.add(slot.valueIn(constants));
        }
        node.op().constantsProblem(values).ifPresent(problem -> {
            throw new IllegalStateException("rule '" + rule.name() + "' produced invalid constants: " + problem);
        });
        int[] children = new int[node.children().size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = instantiate(graph, rule, node.children().get(i), terms, constants);
        }
        return graph.add(ENode.of(node.op(), values, children));
    }
}
