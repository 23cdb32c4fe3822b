package org.cogos.bench.reasoning;

import java.util.function.IntPredicate;

/**
 * A candidate rule the learner can try: a name for explanations and logs, and the predicate itself (hand-written
 * or compiled from the reasoner's rule language).
 *
 * @param name non-blank, at most {@link #MAX_NAME_LENGTH} chars
 * @param rule the predicate
 */
record NamedRule(String name, IntPredicate rule) {

    /** Longest name accepted. */
    public static final int MAX_NAME_LENGTH = 256;

    /** Validates both components. */
    public NamedRule {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("rule name must be non-blank and at most " + MAX_NAME_LENGTH
                    + " chars, was " + (name == null ? "null" : "'" + name + "'"));
        }
        if (rule == null) {
            throw new IllegalArgumentException("rule '" + name + "' has no predicate");
        }
    }

    /** @return what the rule says about {@code input} */
    public boolean test(int input) {
        return rule.test(input);
    }

    @Override
    public String toString() {
        return name;
    }
}
