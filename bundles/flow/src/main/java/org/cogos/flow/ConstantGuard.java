package org.cogos.flow;

import java.util.Map;
import java.util.Optional;

/**
 * The numeric side condition of a {@link Rule}: given the constants a left-hand side matched, it either refuses
 * (the rule does not apply, e.g. {@code k > 0} fails) or returns the constants the right-hand side uses, which may
 * include derived ones such as {@code ?ab = a*b}. Implementations must be pure and thread-safe.
 */
@FunctionalInterface
public interface ConstantGuard {

    /** A guard that always applies and passes the matched constants through. */
    ConstantGuard ALWAYS = Optional::of;

    /** The right-hand side's constants, or empty when the rule must not fire for these constants. */
    Optional<Map<String, Float>> rhsConstants(Map<String, Float> matched);
}
