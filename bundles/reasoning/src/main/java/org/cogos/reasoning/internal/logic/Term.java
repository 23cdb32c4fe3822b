package org.cogos.reasoning.internal.logic;

/** A type-checked expression compiled to a tree of closures: evaluating it allocates nothing but boxes. */
@FunctionalInterface
interface Term {

    /** @param arguments the facts bound to the predicate's parameters, in declaration order */
    Object eval(Fact[] arguments, Evaluation evaluation);
}
