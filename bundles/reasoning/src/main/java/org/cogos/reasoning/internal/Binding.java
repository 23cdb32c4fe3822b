package org.cogos.reasoning.internal;

import org.cogos.reasoning.internal.logic.Fact;
import org.cogos.reasoning.internal.logic.FactKind;
import org.cogos.reasoning.internal.logic.NeurosymbolicPredicate;

/** Facts bound to a predicate's parameters, in declaration order, for which it holds. */
record Binding(NeurosymbolicPredicate predicate, Fact[] facts) {

    /** The fact bound to the first parameter of this kind; behaviours know their goals' kinds. */
    Fact first(FactKind kind) {
        for (Fact fact : facts) {
            if (fact.kind() == kind) {
                return fact;
            }
        }
        throw new IllegalStateException(predicate.name() + " binds no " + kind.typeName());
    }

    String role(int index) {
        return predicate.parameters().get(index).name();
    }

    /**
     * Lower is preferred: a measured entity before an estimated one, then the nearer; a more confident utterance
     * before a less confident one. Safety and approach both want the nearest thing they can trust.
     */
    double cost() {
        double cost = 0;
        for (Fact fact : facts) {
            if (fact.kind() == FactKind.ENTITY) {
                cost += (Boolean.TRUE.equals(fact.get("measured")) ? 0 : 1000) + fact.number("distance");
            } else {
                cost -= fact.number("confidence");
            }
        }
        return cost;
    }
}
