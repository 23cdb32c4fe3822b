package org.cogos.flow;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference interpreter: the meaning every rewrite rule must preserve. Element arithmetic is float (as a
 * robot pipeline would run it); the L2 norm and moving-average sums accumulate in double so long vectors neither
 * overflow nor drift. A sub-flow object shared in a DAG is evaluated once, so removing redundant paths really
 * saves work. Stateless, thread-safe; recursion depth equals flow depth.
 */
public final class FlowEvaluator {

    private FlowEvaluator() {
    }

    /**
     * Evaluates {@code flow} on {@code input}; the result has the input's length.
     *
     * @throws IllegalArgumentException if the input holds a NaN or infinite element (outside the domain rules are
     *                                  proven for)
     */
    public static float[] evaluate(Flow flow, float[] input) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(input, "input");
        for (int i = 0; i < input.length; i++) {
            if (!Float.isFinite(input[i])) {
                throw new IllegalArgumentException("input element " + i + " is " + input[i] + ", not finite");
            }
        }
        return evaluate(flow, input, new IdentityHashMap<>());
    }

    private static float[] evaluate(Flow flow, float[] input, Map<Flow, float[]> done) {
        float[] known = done.get(flow);
        if (known != null) {
            return known;
        }
        List<Flow> children = flow.children();
        float[] x = children.isEmpty() ? null : evaluate(children.get(0), input, done);
        float[] y = children.size() < 2 ? null : evaluate(children.get(1), input, done);
        List<Float> k = flow.constants();
        float[] out = switch (flow.op()) {
            case INPUT -> input.clone();
            case IDENTITY -> x.clone();
            case SCALE -> scale(k.get(0), x);
            case OFFSET -> offset(k.get(0), x);
            case RELU -> relu(x);
            case CLAMP -> clamp(k.get(0), k.get(1), x);
            case NORMALIZE -> normalize(x);
            case ABS -> abs(x);
            case NEGATE -> negate(x);
            case REVERSE -> reverse(x);
            case SORT -> sort(x);
            case SMOOTH -> smooth((int) (float) k.get(0), x);
            case ADD -> add(x, y);
            case MUL -> mul(x, y);
        };
        done.put(flow, out);
        return out;
    }

    private static float[] scale(float factor, float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = factor * x[i];
        }
        return out;
    }

    private static float[] offset(float amount, float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + amount;
        }
        return out;
    }

    private static float[] relu(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] > 0 ? x[i] : 0f;
        }
        return out;
    }

    private static float[] clamp(float lo, float hi, float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(Math.max(x[i], lo), hi);
        }
        return out;
    }

    private static float[] normalize(float[] x) {
        double sumOfSquares = 0;
        for (float v : x) {
            sumOfSquares += (double) v * v;
        }
        double norm = Math.sqrt(sumOfSquares);
        if (norm == 0) {
            return x.clone();
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] / norm);
        }
        return out;
    }

    private static float[] abs(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }

    private static float[] negate(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = -x[i];
        }
        return out;
    }

    private static float[] reverse(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[x.length - 1 - i];
        }
        return out;
    }

    private static float[] sort(float[] x) {
        float[] out = x.clone();
        Arrays.sort(out);
        return out;
    }

    private static float[] smooth(int window, float[] x) {
        float[] out = new float[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= window) {
                sum -= x[i - window];
            }
            out[i] = (float) (sum / Math.min(i + 1, window));
        }
        return out;
    }

    private static float[] add(float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + y[i];
        }
        return out;
    }

    private static float[] mul(float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * y[i];
        }
        return out;
    }
}
