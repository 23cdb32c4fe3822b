package org.cogos.reasoning.internal.logic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cogos.reasoning.internal.logic.RuleParser.Definition;
import org.cogos.reasoning.internal.logic.TypeChecker.Checked;

/**
 * The predicate registry. Readers take an immutable {@link #snapshot()} and decide a whole scene with it;
 * {@link #evolvePredicate} builds the next snapshot and publishes it atomically, so a rule changed at run time
 * applies from one scene to the next, never in the middle of one. Writers are serialised.
 */
public final class PredicateRegistry {

    /** A registry bounded like the other tables of the engine: a typo in a script cannot fill the heap. */
    public static final int MAX_PREDICATES = 1024;

    private final Map<String, List<FactKind>> pinned;
    private volatile Map<String, NeurosymbolicPredicate> snapshot = Map.of();

    /** A registry whose predicates may have any parameters. */
    public PredicateRegistry() {
        this(Map.of());
    }

    /**
     * @param pinned predicates whose parameter kinds are fixed because code binds them (the behaviours' goals):
     *               a definition of one with other kinds is refused
     */
    public PredicateRegistry(Map<String, List<FactKind>> pinned) {
        this.pinned = Map.copyOf(pinned);
    }

    /** @return the predicates by name in registration order; never changes once returned */
    public Map<String, NeurosymbolicPredicate> snapshot() {
        return snapshot;
    }

    /**
     * Registers a predicate or replaces the one of the same name. A replacement may change the rule freely but
     * keeps its parameters while other predicates call it (they were type-checked against them), and may not
     * make a predicate call itself through others.
     *
     * @return the predicate as registered, with its version
     * @throws IllegalArgumentException naming the problem; nothing changes then
     */
    public NeurosymbolicPredicate evolvePredicate(String definitionText) {
        return register(definitionText, 0);
    }

    /**
     * Registers a predicate saved earlier under its saved version, checked like {@link #evolvePredicate}.
     *
     * @throws IllegalArgumentException when it no longer parses or type-checks, or the version is below 1
     */
    public NeurosymbolicPredicate restore(String definitionText, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, got " + version);
        }
        return register(definitionText, version);
    }

    /**
     * Registers a predicate unless one of its name is registered already (a shipped rule beside saved ones).
     *
     * @return whether it was registered
     * @throws IllegalArgumentException when it does not parse or type-check
     */
    public synchronized boolean registerIfAbsent(String definitionText) {
        if (snapshot.containsKey(RuleParser.parse(definitionText).name())) {
            return false;
        }
        register(definitionText, 0);
        return true;
    }

    /** @param version the version to give it, or 0 for the next one */
    private synchronized NeurosymbolicPredicate register(String definitionText, int version) {
        Definition definition = RuleParser.parse(definitionText);
        List<FactKind> required = pinned.get(definition.name());
        if (required != null && !required.equals(definition.parameters().stream().map(Parameter::kind).toList())) {
            throw new IllegalArgumentException(definition.name() + " must take parameters of kinds "
                    + required.stream().map(FactKind::typeName).toList() + ": a behaviour binds them");
        }
        Map<String, NeurosymbolicPredicate> current = snapshot;
        NeurosymbolicPredicate old = current.get(definition.name());
        if (old == null && current.size() >= MAX_PREDICATES) {
            throw new IllegalArgumentException("the registry holds " + MAX_PREDICATES + " predicates, its maximum");
        }
        Checked checked = TypeChecker.check(definition, name -> {
            NeurosymbolicPredicate callee = current.get(name);
            return callee == null ? null : callee.parameters();
        });
        if (old != null && !old.parameters().equals(definition.parameters())) {
            List<String> callers = callersOf(current, definition.name());
            if (!callers.isEmpty()) {
                throw new IllegalArgumentException(definition.name() + " is called by " + String.join(", ", callers)
                        + " with parameters " + old.signature() + "; keep them or change those first");
            }
        }
        NeurosymbolicPredicate next = new NeurosymbolicPredicate(definition.name(), definition.parameters(),
                definition.text(), version > 0 ? version : old == null ? 1 : old.version() + 1, checked.neural(), checked.calls(),
                checked.body());
        Map<String, NeurosymbolicPredicate> updated = new LinkedHashMap<>(current);
        updated.put(next.name(), next);
        List<String> cycle = cycleThrough(updated, next.name());
        if (!cycle.isEmpty()) {
            throw new IllegalArgumentException(next.name() + " would call itself: " + String.join(" -> ", cycle));
        }
        snapshot = Collections.unmodifiableMap(updated);
        return next;
    }

    private static List<String> callersOf(Map<String, NeurosymbolicPredicate> predicates, String name) {
        List<String> callers = new ArrayList<>();
        for (NeurosymbolicPredicate p : predicates.values()) {
            if (p.calls().contains(name)) {
                callers.add(p.name());
            }
        }
        return callers;
    }

    /** @return a call path from {@code start} back to itself, or an empty list when there is none */
    private static List<String> cycleThrough(Map<String, NeurosymbolicPredicate> predicates, String start) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.push(List.of(start));
        List<String> visited = new ArrayList<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.pop();
            NeurosymbolicPredicate last = predicates.get(path.get(path.size() - 1));
            for (String callee : last == null ? List.<String>of() : last.calls()) {
                List<String> longer = new ArrayList<>(path);
                longer.add(callee);
                if (callee.equals(start)) {
                    return longer;
                }
                if (!visited.contains(callee)) {
                    visited.add(callee);
                    paths.push(longer);
                }
            }
        }
        return List.of();
    }
}
