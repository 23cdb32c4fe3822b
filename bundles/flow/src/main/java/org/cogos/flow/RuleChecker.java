package org.cogos.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Tests a rule against the reference interpreter: binds its flow variables to random small flows and its constant
 * variables to values from a pool chosen to hit edge cases (0, ±1, signs, tiny and huge magnitudes, which expose
 * float cancellation), keeps instances the guard accepts, and compares both sides on fixed inputs of lengths 0, 1,
 * 2, 3, 5, 8, 16 and 33 with negative, zero, repeated and large values. Finding no counterexample is evidence, not
 * proof. Deterministic for a seed; immutable and thread-safe.
 */
final class RuleChecker {

    private static final float[] CONSTANT_POOL = {0f, 1f, -1f, 2f, -2f, 0.5f, -0.5f, 3f, -3f, 0.1f, -0.1f, 1e3f,
        -1e3f, 1e6f, -1e6f, 1e-3f, -1e-3f};
    /** Share of constant draws taken uniformly from [-10, 10] instead of from the pool. */
    private static final double UNIFORM_CONSTANT_SHARE = 0.3;
    /** Draws allowed per wanted instance before giving up; guards like clamp's lo <= hi reject many draws. */
    private static final int ATTEMPTS_PER_INSTANCE = 50;
    private static final int MAX_BINDING_DEPTH = 2;

    private final long seed;
    private final int instances;
    private final FlowTolerance tolerance;
    private final List<float[]> inputs;

    /**
     * A checker trying {@code instances} accepted instances per rule.
     *
     * @throws IllegalArgumentException if {@code instances < 1}
     */
    public RuleChecker(long seed, int instances, FlowTolerance tolerance) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be >= 1, got " + instances);
        }
        if (tolerance == null) {
            throw new IllegalArgumentException("tolerance is null");
        }
        this.seed = seed;
        this.instances = instances;
        this.tolerance = tolerance;
        this.inputs = testInputs(new Random(seed));
    }

    /** Checks one rule; stops at the first counterexample. */
    public RuleCheck check(Rule rule) {
        Random random = new Random(seed * 31 + rule.name().hashCode());
        int checked = 0;
        int evaluations = 0;
        for (int attempt = 0; attempt < instances * ATTEMPTS_PER_INSTANCE && checked < instances; attempt++) {
            Map<String, Float> constants = new HashMap<>();
            for (String name : rule.lhs().constantVariables()) {
                constants.put(name, randomConstant(random));
            }
            if (!constantsValid(rule.lhs(), constants)) {
                continue;
            }
            Optional<Map<String, Float>> rhsConstants = rule.guard().rhsConstants(constants);
            if (rhsConstants.isEmpty()) {
                continue;
            }
            Map<String, Flow> terms = new HashMap<>();
            for (String name : rule.lhs().termVariables()) {
                terms.put(name, randomFlow(random, random.nextInt(MAX_BINDING_DEPTH + 1)));
            }
            Flow lhs = rule.lhs().instantiate(terms, constants);
            Flow rhs = rule.rhs().instantiate(terms, rhsConstants.get());
            checked++;
            for (float[] input : inputs) {
                float[] left = FlowEvaluator.evaluate(lhs, input);
                float[] right = FlowEvaluator.evaluate(rhs, input);
                evaluations++;
                if (!tolerance.close(left, right)) {
                    return new RuleCheck(rule.name(), checked, evaluations,
                            Optional.of(new RuleCheck.Counterexample(lhs, rhs, input, left, right)));
                }
            }
        }
        return new RuleCheck(rule.name(), checked, evaluations, Optional.empty());
    }

    /** Whether every literal-or-sampled constant of the pattern is valid for its op (e.g. clamp lo <= hi). */
    private static boolean constantsValid(Pattern pattern, Map<String, Float> constants) {
        if (!(pattern instanceof Pattern.Node node)) {
            return true;
        }
        List<Float> values = new ArrayList<>();
        for (Pattern.ConstantSlot slot : node.constants()) {
            values.add(slot.valueIn(constants));
        }
        return node.op().constantsProblem(values).isEmpty()
                && node.children().stream().allMatch(child -> constantsValid(child, constants));
    }

    private static float randomConstant(Random random) {
        if (random.nextDouble() < UNIFORM_CONSTANT_SHARE) {
            return random.nextFloat() * 20 - 10;
        }
        return CONSTANT_POOL[random.nextInt(CONSTANT_POOL.length)];
    }

    /** A random flow of at most {@code depth} levels over moderate constants, to stand in for a variable. */
    private static Flow randomFlow(Random random, int depth) {
        if (depth == 0) {
            return Flow.input();
        }
        Op[] ops = Op.values();
        Op op = ops[1 + random.nextInt(ops.length - 1)];
        List<Float> constants = switch (op) {
            case SCALE, OFFSET -> List.of(random.nextFloat() * 6 - 3);
            case SMOOTH -> List.of((float) (1 + random.nextInt(4)));
            case CLAMP -> {
                float a = random.nextFloat() * 10 - 5;
                float b = random.nextFloat() * 10 - 5;
                yield List.of(Math.min(a, b), Math.max(a, b));
            }
            default -> List.of();
        };
        List<Flow> children = new ArrayList<>();
        for (int i = 0; i < op.childCount(); i++) {
            children.add(randomFlow(random, depth - 1));
        }
        return new Flow(op, constants, children);
    }

    private static List<float[]> testInputs(Random random) {
        List<float[]> inputs = new ArrayList<>();
        inputs.add(new float[0]);
        inputs.add(new float[] {2.5f});
        inputs.add(new float[] {-4f});
        inputs.add(new float[] {0f});
        inputs.add(new float[] {-1f, 1f});
        inputs.add(new float[] {3f, 0f, -3f});
        inputs.add(new float[] {1f, 1f, -2f, 0f, 1f});
        for (int length : new int[] {8, 16, 33}) {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = switch (random.nextInt(4)) {
                    case 0 -> 0f;
                    case 1 -> (float) random.nextInt(7) - 3;
                    case 2 -> random.nextFloat() * 200 - 100;
                    default -> (random.nextFloat() - 0.5f) * 2e-3f;
                };
            }
            inputs.add(values);
        }
        return List.copyOf(inputs);
    }
}
