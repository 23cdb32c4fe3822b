package org.cogos.flow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds where patterns match in a rebuilt e-graph (top-down backtracking e-matching). Classes are indexed by the
 * operations their nodes carry, so a pattern is only tried on classes that have its root operation. A matcher
 * reflects the graph at construction; build a new one after changes. Not thread-safe.
 */
final class EMatcher {

    /** One place a pattern matched: the class and the bindings of its variables. */
    record Match(int classId, Map<String, Integer> terms, Map<String, Float> constants) {
    }

    private final EGraph graph;
    private final Map<Op, List<Integer>> classesByOp = new EnumMap<>(Op.class);

    EMatcher(EGraph graph) {
        if (graph.needsRebuild()) {
            throw new IllegalStateException("e-graph must be rebuilt before matching");
        }
        this.graph = graph;
        for (int classId : graph.classIds()) {
            for (ENode node : graph.nodes(classId)) {
                List<Integer> ids = classesByOp.computeIfAbsent(node.op, op -> new ArrayList<>());
                // Classes are visited one at a time, so a duplicate can only be the last entry.
                if (ids.isEmpty() || ids.get(ids.size() - 1) != classId) {
                    ids.add(classId);
                }
            }
        }
    }

    /** All matches of {@code pattern} at the root of some class. */
    List<Match> search(Pattern.Node pattern) {
        List<Match> matches = new ArrayList<>();
        for (int classId : classesByOp.getOrDefault(pattern.op(), List.of())) {
            for (Match match : matchClass(pattern, classId, new Match(classId, Map.of(), Map.of()))) {
                matches.add(new Match(classId, match.terms(), match.constants()));
            }
        }
        return matches;
    }

    private List<Match> matchClass(Pattern pattern, int classId, Match bindings) {
        if (pattern instanceof Pattern.Variable variable) {
            Integer bound = bindings.terms().get(variable.name());
            if (bound == null) {
                Map<String, Integer> terms = new HashMap<>(bindings.terms());
                terms.put(variable.name(), classId);
                return List.of(new Match(bindings.classId(), terms, bindings.constants()));
            }
            return graph.find(bound) == graph.find(classId) ? List.of(bindings) : List.of();
        }
        Pattern.Node node = (Pattern.Node) pattern;
        List<Match> results = new ArrayList<>();
        for (ENode candidate : graph.nodes(classId)) {
            if (candidate.op != node.op()) {
                continue;
            }
            Match withConstants = matchConstants(node, candidate, bindings);
            if (withConstants == null) {
                continue;
            }
            List<Match> partial = List.of(withConstants);
            for (int i = 0; i < node.children().size() && !partial.isEmpty(); i++) {
                List<Match> next = new ArrayList<>();
                for (Match match : partial) {
                    next.addAll(matchClass(node.children().get(i), candidate.child(i), match));
                }
                partial = next;
            }
            results.addAll(partial);
        }
        return results;
    }

    /** The bindings extended by the node's constants, or null when a literal or bound constant differs. */
    private static Match matchConstants(Pattern.Node pattern, ENode candidate, Match bindings) {
        Map<String, Float> constants = bindings.constants();
        for (int i = 0; i < pattern.constants().size(); i++) {
            float actual = candidate.constant(i);
            Pattern.ConstantSlot slot = pattern.constants().get(i);
            if (slot instanceof Pattern.Literal literal) {
                if (Float.floatToIntBits(literal.value()) != Float.floatToIntBits(actual)) {
                    return null;
                }
            } else {
                String name = ((Pattern.ConstantVariable) slot).name();
                Float bound = constants.get(name);
                if (bound == null) {
                    if (constants == bindings.constants()) {
                        constants = new HashMap<>(constants);
                    }
                    constants.put(name, actual);
                } else if (Float.floatToIntBits(bound) != Float.floatToIntBits(actual)) {
                    return null;
                }
            }
        }
        return constants == bindings.constants() ? bindings
                : new Match(bindings.classId(), bindings.terms(), constants);
    }
}
