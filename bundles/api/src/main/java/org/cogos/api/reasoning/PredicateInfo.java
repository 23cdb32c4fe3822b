package org.cogos.api.reasoning;

/**
 * A registered predicate as operators see it.
 *
 * @param name        the predicate's name
 * @param signature   its parameters with their fact kinds, e.g. {@code (i: Intent, e: Entity)}
 * @param definition  the rule text as registered
 * @param version     1 when first registered, one more on each change
 * @param neural      whether the rule uses the neural embedding layer ({@code similar(..)})
 * @param reliability the posterior mean of its actions' success, 0..1
 * @param successes   outcomes reported as successes
 * @param failures    outcomes reported as failures
 * @param evaluations how often it was evaluated since the module started
 * @param holds       how often it held
 */
public record PredicateInfo(String name, String signature, String definition, int version, boolean neural,
        double reliability, long successes, long failures, long evaluations, long holds) {
}
