package org.cogos.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fixed-seed input vectors for tests: lengths 0, 1, 2, 5, 16 and 64, with negatives, zeros and repeats. */
final class TestInputs {

    private TestInputs() {
    }

    static List<float[]> vectors(long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int length : new int[] {0, 1, 1, 2, 5, 16, 64}) {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = random.nextInt(5) == 0 ? 0f : random.nextFloat() * 20 - 10;
            }
            vectors.add(values);
        }
        vectors.add(new float[] {-3f, -3f, 0f, 2f, 2f});
        return vectors;
    }

    /** Whether two flows agree within the default tolerance on every test vector. */
    static boolean sameOutputs(Flow a, Flow b, long seed) {
        for (float[] input : vectors(seed)) {
            if (!FlowTolerance.DEFAULT.close(FlowEvaluator.evaluate(a, input), FlowEvaluator.evaluate(b, input))) {
                return false;
            }
        }
        return true;
    }
}
