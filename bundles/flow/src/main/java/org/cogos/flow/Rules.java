package org.cogos.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The standard rule set. Each rule holds in float semantics for finite inputs whose intermediate values neither
 * overflow nor underflow; most are bit-exact, the ones marked "rounds" differ in the last ulps and hold within
 * {@link FlowTolerance#DEFAULT}. Deliberately absent because they are false in floats: offset merging
 * {@code (offset a (offset b x)) -> (offset a+b x)} (cancellation when a = -b is large), add associativity, and
 * distributing scale over add. Stateless, thread-safe.
 */
public final class Rules {

    private static final List<Rule> STANDARD = List.of(
            // Neutral elements and inverse pairs (exact).
            Rule.of("identity", "(identity ?x)", "?x"),
            Rule.of("scale-one", "(scale 1 ?x)", "?x"),
            Rule.of("offset-zero", "(offset 0 ?x)", "?x"),
            Rule.of("smooth-one", "(smooth 1 ?x)", "?x"),
            Rule.of("negate-negate", "(negate (negate ?x))", "?x"),
            Rule.of("reverse-reverse", "(reverse (reverse ?x))", "?x"),
            // Idempotence and absorption (exact, except normalize which rounds).
            Rule.of("relu-relu", "(relu (relu ?x))", "(relu ?x)"),
            Rule.of("abs-abs", "(abs (abs ?x))", "(abs ?x)"),
            Rule.of("abs-negate", "(abs (negate ?x))", "(abs ?x)"),
            Rule.of("abs-relu", "(abs (relu ?x))", "(relu ?x)"),
            Rule.of("relu-abs", "(relu (abs ?x))", "(abs ?x)"),
            Rule.of("relu-square", "(relu (mul ?x ?x))", "(mul ?x ?x)"),
            Rule.of("abs-square", "(abs (mul ?x ?x))", "(mul ?x ?x)"),
            Rule.of("sort-sort", "(sort (sort ?x))", "(sort ?x)"),
            Rule.of("sort-reverse", "(sort (reverse ?x))", "(sort ?x)"),
            Rule.of("normalize-normalize", "(normalize (normalize ?x))", "(normalize ?x)"),
            Rule.of("normalize-scale", "(normalize (scale ?k ?x))", "(normalize ?x)", when(c -> c.get("k") > 0)),
            Rule.of("normalize-negate", "(normalize (negate ?x))", "(negate (normalize ?x))"),
            // Clamp bounds (exact).
            Rule.of("clamp-clamp", "(clamp ?a ?b (clamp ?c ?d ?x))", "(clamp ?lo ?hi ?x)", Rules::intersectBounds),
            Rule.of("relu-clamp", "(relu (clamp ?lo ?hi ?x))", "(clamp ?lo ?hi ?x)", when(c -> c.get("lo") >= 0)),
            Rule.of("clamp-relu", "(clamp ?lo ?hi (relu ?x))", "(clamp ?lo ?hi ?x)", when(c -> c.get("lo") >= 0)),
            Rule.of("abs-clamp", "(abs (clamp ?lo ?hi ?x))", "(clamp ?lo ?hi ?x)", when(c -> c.get("lo") >= 0)),
            // Scale algebra (sign flips exact; merging and factoring round).
            Rule.of("scale-minus-one", "(scale -1 ?x)", "(negate ?x)"),
            Rule.of("negate-scale", "(negate (scale ?k ?x))", "(scale ?nk ?x)", c -> with(c, "nk", -c.get("k"))),
            Rule.of("scale-merge", "(scale ?a (scale ?b ?x))", "(scale ?ab ?x)", Rules::multiplyFactors),
            Rule.of("abs-scale", "(abs (scale ?k ?x))", "(scale ?m (abs ?x))",
                    c -> with(c, "m", Math.abs(c.get("k")))),
            Rule.of("relu-scale", "(relu (scale ?k ?x))", "(scale ?k (relu ?x))", when(c -> c.get("k") > 0)),
            Rule.of("add-self", "(add ?x ?x)", "(scale 2 ?x)"),
            Rule.of("add-scales", "(add (scale ?a ?x) (scale ?b ?x))", "(scale ?s ?x)",
                    c -> c.get("a") * c.get("b") > 0 ? with(c, "s", c.get("a") + c.get("b")) : Optional.empty()),
            Rule.of("add-scaled-self", "(add ?x (scale ?a ?x))", "(scale ?s ?x)",
                    c -> c.get("a") > 0 ? with(c, "s", 1 + c.get("a")) : Optional.empty()),
            Rule.of("add-negates", "(add (negate ?x) (negate ?y))", "(negate (add ?x ?y))"),
            Rule.of("add-commute", "(add ?x ?y)", "(add ?y ?x)"),
            Rule.of("mul-commute", "(mul ?x ?y)", "(mul ?y ?x)"),
            // Order operations commute with monotone / element-wise ones (exact).
            Rule.of("sort-relu", "(sort (relu ?x))", "(relu (sort ?x))"),
            Rule.of("sort-offset", "(sort (offset ?c ?x))", "(offset ?c (sort ?x))"),
            Rule.of("sort-scale", "(sort (scale ?k ?x))", "(scale ?k (sort ?x))", when(c -> c.get("k") > 0)),
            Rule.of("sort-clamp", "(sort (clamp ?lo ?hi ?x))", "(clamp ?lo ?hi (sort ?x))"),
            Rule.of("reverse-relu", "(reverse (relu ?x))", "(relu (reverse ?x))"),
            Rule.of("reverse-abs", "(reverse (abs ?x))", "(abs (reverse ?x))"),
            Rule.of("reverse-negate", "(reverse (negate ?x))", "(negate (reverse ?x))"),
            Rule.of("reverse-scale", "(reverse (scale ?k ?x))", "(scale ?k (reverse ?x))"),
            Rule.of("reverse-offset", "(reverse (offset ?c ?x))", "(offset ?c (reverse ?x))"),
            Rule.of("reverse-clamp", "(reverse (clamp ?lo ?hi ?x))", "(clamp ?lo ?hi (reverse ?x))"),
            Rule.of("smooth-negate", "(smooth ?w (negate ?x))", "(negate (smooth ?w ?x))"));

    private Rules() {
    }

    /** The standard rules, in a fixed order. */
    public static List<Rule> standard() {
        return STANDARD;
    }

    private static ConstantGuard when(Predicate<Map<String, Float>> condition) {
        return matched -> condition.test(matched) ? Optional.of(matched) : Optional.empty();
    }

    /**
     * Adds a derived constant, refusing values the float arithmetic has already spoiled: infinite, or so small
     * (subnormal) that they lost precision.
     */
    private static Optional<Map<String, Float>> with(Map<String, Float> matched, String name, float value) {
        if (!Float.isFinite(value) || (value != 0 && Math.abs(value) < Float.MIN_NORMAL)) {
            return Optional.empty();
        }
        Map<String, Float> constants = new HashMap<>(matched);
        constants.put(name, value);
        return Optional.of(constants);
    }

    private static Optional<Map<String, Float>> multiplyFactors(Map<String, Float> matched) {
        float a = matched.get("a");
        float b = matched.get("b");
        float product = a * b;
        // A product that underflowed to zero would turn a tiny-but-nonzero signal into silence.
        if (product == 0 && a != 0 && b != 0) {
            return Optional.empty();
        }
        return with(matched, "ab", product);
    }

    private static Optional<Map<String, Float>> intersectBounds(Map<String, Float> matched) {
        float lo = Math.max(matched.get("a"), matched.get("c"));
        float hi = Math.min(matched.get("b"), matched.get("d"));
        if (lo > hi) {
            return Optional.empty();
        }
        Map<String, Float> constants = new HashMap<>(matched);
        constants.put("lo", lo);
        constants.put("hi", hi);
        return Optional.of(constants);
    }
}
