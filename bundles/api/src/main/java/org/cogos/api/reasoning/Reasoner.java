package org.cogos.api.reasoning;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The RaBAB reasoning engine's administration interface, registered while the {@code reasoning} module is live. */
@ProviderType
public interface Reasoner {

    /** @return every registered predicate, in registration order */
    List<PredicateInfo> predicates();

    /**
     * Registers a predicate or replaces the one of the same name, written in the rule language of
     * docs/reasoning.md, e.g. {@code person_in_reach(e: Entity) := e.label == "person" and e.distance <= 4}.
     * The definition is parsed and type-checked, and so is every predicate that uses it, before anything
     * changes; a replaced predicate keeps its reliability and gets the next version.
     *
     * @return the predicate as registered
     * @throws IllegalArgumentException naming the problem when the definition does not parse or type-check,
     *                                  or when the change would break a predicate that uses it
     */
    PredicateInfo evolvePredicate(String definition);

    /**
     * Edges of the knowledge graph matching a pattern, strongest first.
     *
     * @param subject     the subject, or null for any
     * @param relation    the relation, or null for any
     * @param object      the object, or null for any
     * @param minStrength edges weaker than this are left out
     * @param limit       at most this many edges
     */
    List<KnowledgeEdge> knowledge(String subject, String relation, String object, double minStrength, int limit);

    /**
     * The nodes reachable from {@code start} along edges at least {@code minStrength} strong, within {@code
     * maxDepth} edges, each with its strongest path (the product of the strengths along it), strongest first.
     */
    List<KnowledgePath> traverse(String start, int maxDepth, double minStrength);
}
