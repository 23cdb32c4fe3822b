package org.cogos.reasoning.internal.logic;

/** What a rule needs from the engine while it is evaluated over one scene. */
public interface Evaluation {

    /** The neural part: cosine similarity of the two facts' embeddings, in [-1, 1]; 0 when either has none. */
    double similarity(Fact a, Fact b);

    /**
     * Whether the named predicate holds for these facts. Calls are resolved when evaluated, against the registry
     * the scene is decided with, so a predicate changed at run time changes the rules that use it.
     */
    boolean holds(String predicate, Fact[] arguments);
}
