package org.cogos.reasoning.internal.logic;

import java.util.List;
import java.util.Set;

/**
 * A registered predicate: a symbolic rule over typed facts, with an optional neural part (the built-in {@code
 * similar}, cosine similarity of embeddings). Immutable metadata; how reliable it has proven and how often it held
 * are live state kept apart, by the engine.
 *
 * @param name       its name
 * @param parameters its parameters, each of one fact kind
 * @param definition the rule text as registered
 * @param version    1 when first registered, one more per change
 * @param neural     whether the rule uses the neural embedding layer
 * @param calls      the predicates its rule calls directly
 */
public record NeurosymbolicPredicate(String name, List<Parameter> parameters, String definition, int version,
        boolean neural, Set<String> calls, Term body) {

    public NeurosymbolicPredicate {
        parameters = List.copyOf(parameters);
        calls = Set.copyOf(calls);
    }

    /** @param arguments one fact per parameter, of the parameter's kind */
    public boolean test(Fact[] arguments, Evaluation evaluation) {
        return (Boolean) body.eval(arguments, evaluation);
    }

    /** @return e.g. {@code (i: Intent, e: Entity)} */
    public String signature() {
        return TypeChecker.describe(parameters);
    }
}
