package org.cogos.nativebridge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Random;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.DenseLayer;

/**
 * Plain Java answers to check the engines against, and the tolerances.
 *
 * <p>Tolerances. Element-wise float ops (sum, relu) are one IEEE operation per element on every path, so they
 * must match Java's float arithmetic bit for bit; argmax and every I32 op too (I32 wraps like Java int). A matrix
 * product element is a chain of k rounded multiply-adds (fused or not, depending on the SIMD level), whose error
 * is bounded by the classic {@code gamma(k) * sum|a_ip * b_pj|} with {@code gamma(k) ~ k * u}, {@code u = 2^-24};
 * {@link #matmulBound} allows {@code (k + 2) * u} times that sum (one more rounding for a bias). Softmax rounds
 * {@code exp} to float within 0.5001 ulp, sums in double and divides once: {@value #SOFTMAX_RELATIVE} relative is
 * over twice the worst case. A whole MLP is compared, in double, within {@value #MLP_ABSOLUTE} absolute on the
 * probabilities (layers of at most 64 inputs with weights of magnitude below 1/sqrt(inputs): a few units of
 * {@code 1e-6} of error per layer at most).
 */
final class Reference {

    static final double U = 0x1p-24;
    static final double SOFTMAX_RELATIVE = 4e-7;
    static final double MLP_ABSOLUTE = 2e-5;

    private Reference() {
    }

    static float[] floats(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return v;
    }

    static int[] ints(Random random, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt();
        }
        return v;
    }

    static double[] matmul(float[] a, float[] b, int m, int k, int n) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double av = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    out[i * n + j] += av * b[p * n + j];
                }
            }
        }
        return out;
    }

    /** One element of the product, for spot checks of large shapes. */
    static double matmulAt(float[] a, float[] b, int k, int n, int i, int j) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
            sum += (double) a[i * k + p] * b[p * n + j];
        }
        return sum;
    }

    /** The error bound of one element: (k + 2) u sum |a_ip b_pj| (+ |bias| when there is one). */
    static double matmulBound(float[] a, float[] b, int k, int n, int i, int j, double bias) {
        double abs = Math.abs(bias);
        for (int p = 0; p < k; p++) {
            abs += Math.abs((double) a[i * k + p] * b[p * n + j]);
        }
        return (k + 2) * U * abs + Float.MIN_VALUE;
    }

    static int[] matmul(int[] a, int[] b, int m, int k, int n) {
        int[] out = new int[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                int av = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    out[i * n + j] += av * b[p * n + j];
                }
            }
        }
        return out;
    }

    static float relu(float v) {
        return v < 0 ? 0f : v;
    }

    /** Softmax of each row: max, exp of (x - max) as the float difference, double sum, one division. */
    static double[] softmax(float[] x, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            float max = x[i * cols];
            for (int j = 1; j < cols; j++) {
                max = Math.max(max, x[i * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = Math.exp(x[i * cols + j] - max);
                sum += out[i * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] /= sum;
            }
        }
        return out;
    }

    static int[] argmax(float[] x, int rows, int cols) {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (x[i * cols + j] > x[i * cols + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    static int argmax(double[] x, int row, int cols) {
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (x[row * cols + j] > x[row * cols + best]) {
                best = j;
            }
        }
        return best;
    }

    /** Every layer in double, then a softmax per row. */
    static double[] mlp(List<DenseLayer> layers, float[] input, int batch) {
        double[] x = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            x[i] = input[i];
        }
        for (DenseLayer layer : layers) {
            double[] y = new double[batch * layer.outputs()];
            for (int r = 0; r < batch; r++) {
                for (int o = 0; o < layer.outputs(); o++) {
                    double s = layer.bias()[o];
                    for (int in = 0; in < layer.inputs(); in++) {
                        s += x[r * layer.inputs() + in] * layer.weights()[in * layer.outputs() + o];
                    }
                    y[r * layer.outputs() + o] = layer.activation() == Activation.RELU ? Math.max(s, 0) : s;
                }
            }
            x = y;
        }
        int cols = layers.get(layers.size() - 1).outputs();
        for (int r = 0; r < batch; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[r * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                x[r * cols + j] = Math.exp(x[r * cols + j] - max);
                sum += x[r * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                x[r * cols + j] /= sum;
            }
        }
        return x;
    }

    static void assertBitExact(String what, float[] expected, float[] actual) {
        assertEquals(what + ": length", expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + " [" + i + "]: expected " + expected[i] + " got " + actual[i]);
            }
        }
    }

    static void assertWithin(String what, double expected, float actual, double tolerance) {
        assertTrue(what + ": expected " + expected + " got " + actual + " (tolerance " + tolerance + ")",
                Math.abs(expected - actual) <= tolerance);
    }
}
