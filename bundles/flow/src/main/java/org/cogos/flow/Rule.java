package org.cogos.flow;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A rewrite rule {@code lhs -> rhs}: wherever {@code lhs} matches (and the guard agrees), the matched flow equals
 * the instantiated {@code rhs}. Rules only add equalities to an e-graph, they never delete, so direction matters
 * only for which new term is added. Every rule must hold in float semantics within {@link FlowTolerance#DEFAULT}
 * ({@link RuleChecker} tests that). Immutable, thread-safe.
 *
 * @param name  short unique name, used in reports
 * @param lhs   pattern to match; its root is an operation, not a bare variable
 * @param rhs   pattern to add; uses only flow variables bound by {@code lhs}
 * @param guard side condition and derived constants
 */
public record Rule(String name, Pattern.Node lhs, Pattern rhs, ConstantGuard guard) {

    /** Checks that the right-hand side's flow variables are all bound by the left-hand side. */
    public Rule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("rule name is blank");
        }
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
        Objects.requireNonNull(guard, "guard");
        Set<String> unbound = new HashSet<>(rhs.termVariables());
        unbound.removeAll(lhs.termVariables());
        if (!unbound.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "': right-hand side uses unbound variable(s) "
                    + unbound);
        }
    }

    /** A rule without side condition, from pattern text. */
    public static Rule of(String name, String lhs, String rhs) {
        return of(name, lhs, rhs, ConstantGuard.ALWAYS);
    }

    /** A guarded rule from pattern text. */
    public static Rule of(String name, String lhs, String rhs, ConstantGuard guard) {
        Pattern left = Pattern.parse(lhs);
        if (!(left instanceof Pattern.Node node)) {
            throw new IllegalArgumentException("rule '" + name + "': left-hand side " + lhs
                    + " is a bare variable, it would match everything");
        }
        return new Rule(name, node, Pattern.parse(rhs), guard);
    }

    @Override
    public String toString() {
        return name + ": " + lhs + " -> " + rhs;
    }
}
