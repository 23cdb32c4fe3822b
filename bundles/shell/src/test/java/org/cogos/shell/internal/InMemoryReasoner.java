package org.cogos.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cogos.api.reasoning.KnowledgeEdge;
import org.cogos.api.reasoning.KnowledgePath;
import org.cogos.api.reasoning.PredicateInfo;
import org.cogos.api.reasoning.Reasoner;

/**
 * A small working reasoner: predicates parsed just far enough to name them ({@code name(params) := body}), and a
 * knowledge graph queried and traversed as the real one is. Records what it was last asked, for the tests.
 */
final class InMemoryReasoner implements Reasoner {

    private static final Pattern DEFINITION = Pattern.compile("([a-z_][a-z0-9_]*)\\s*(\\([^)]*\\))\\s*:=\\s*(\\S.*)",
            Pattern.DOTALL);

    private final Map<String, PredicateInfo> predicates = new LinkedHashMap<>();
    private final List<KnowledgeEdge> edges = new ArrayList<>();

    /** The last definition given to {@link #evolvePredicate}, the last traversal's depth. */
    String lastDefinition;
    int lastDepth;

    InMemoryReasoner predicate(PredicateInfo predicate) {
        predicates.put(predicate.name(), predicate);
        return this;
    }

    InMemoryReasoner edge(String subject, String relation, String object, double strength, long updates,
            long lastUpdatedMillis) {
        edges.add(new KnowledgeEdge(subject, relation, object, strength, updates, lastUpdatedMillis));
        return this;
    }

    @Override
    public List<PredicateInfo> predicates() {
        return List.copyOf(predicates.values());
    }

    @Override
    public PredicateInfo evolvePredicate(String definition) {
        lastDefinition = definition;
        Matcher parts = DEFINITION.matcher(definition);
        if (!parts.matches()) {
            throw new IllegalArgumentException("cannot parse predicate at column 1: expected name(params) := body in "
                    + definition);
        }
        String name = parts.group(1);
        PredicateInfo old = predicates.get(name);
        PredicateInfo evolved = old == null
                ? new PredicateInfo(name, parts.group(2), definition, 1, parts.group(3).contains("similar("), 0.5, 0,
                        0, 0, 0)
                : new PredicateInfo(name, parts.group(2), definition, old.version() + 1,
                        parts.group(3).contains("similar("), old.reliability(), old.successes(), old.failures(), 0, 0);
        predicates.put(name, evolved);
        return evolved;
    }

    @Override
    public List<KnowledgeEdge> knowledge(String subject, String relation, String object, double minStrength,
            int limit) {
        return edges.stream()
                .filter(e -> subject == null || e.subject().equals(subject))
                .filter(e -> relation == null || e.relation().equals(relation))
                .filter(e -> object == null || e.object().equals(object))
                .filter(e -> e.strength() >= minStrength)
                .sorted(Comparator.comparingDouble(KnowledgeEdge::strength).reversed())
                .limit(limit).toList();
    }

    /**
     * Relaxes the strongest path to every node one edge further per round, {@code maxDepth} rounds; refuses a node
     * the graph does not hold.
     */
    @Override
    public List<KnowledgePath> traverse(String start, int maxDepth, double minStrength) {
        lastDepth = maxDepth;
        if (edges.stream().noneMatch(e -> e.subject().equals(start) || e.object().equals(start))) {
            throw new IllegalArgumentException("no node " + start + " in the knowledge graph");
        }
        Map<String, KnowledgePath> best = new HashMap<>();
        List<KnowledgePath> frontier = List.of(new KnowledgePath(start, 1.0, List.of(start)));
        for (int depth = 0; depth < maxDepth; depth++) {
            List<KnowledgePath> next = new ArrayList<>();
            for (KnowledgePath path : frontier) {
                for (KnowledgeEdge edge : knowledge(path.node(), null, null, minStrength, Integer.MAX_VALUE)) {
                    List<String> steps = new ArrayList<>(path.path());
                    steps.add(edge.relation());
                    steps.add(edge.object());
                    KnowledgePath longer = new KnowledgePath(edge.object(), path.strength() * edge.strength(), steps);
                    KnowledgePath known = best.get(edge.object());
                    if (!edge.object().equals(start) && (known == null || known.strength() < longer.strength())) {
                        best.put(edge.object(), longer);
                        next.add(longer);
                    }
                }
            }
            frontier = next;
        }
        return best.values().stream().sorted(Comparator.comparingDouble(KnowledgePath::strength).reversed()
                .thenComparing(KnowledgePath::node)).toList();
    }
}
