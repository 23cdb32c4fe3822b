/*
 * Trains the person/obstacle classifier of the sensor module (bundles/sensor) and writes the weights the module
 * ships. Plain Java 17, no dependencies; deterministic: the same Java version gives the same file byte for byte.
 *
 * It is compiled against the sensor's own classes, so that the training clusters are found by the module's
 * ScanClusterer and described by its ClusterFeatures: the network is trained on exactly what it sees at run time.
 * From the repository root:
 *
 *   mvn -B -ntp -o -q -pl bundles/sensor compile
 *   java -cp bundles/sensor/target/classes scripts/train-cluster-mlp.java \
 *       bundles/sensor/src/main/resources/org/cogos/sensor/internal/cluster-mlp.txt
 *
 * writes cluster-mlp.txt and cluster-mlp.txt.sha256 (sha256sum format; the module refuses weights that do not
 * match it) and prints the accuracy on a held-out set. The other mode writes fresh labelled scans for tests:
 *
 *   java -cp bundles/sensor/target/classes scripts/train-cluster-mlp.java --scans SEED COUNT OUT.jsonl
 *
 * one LaserScan payload (docs/lidar-scan.md) per line, with an extra "labels" field that the module ignores:
 * "FIRST-LAST:label,..." for each cluster, by the rays of its first and last return.
 *
 * The scenes: a sensor at the origin, 2D LIDARs of 0.25 to 3 degrees per ray over 180, 270 or 360 degrees, range
 * noise of up to 30 mm plus up to 1 % of the range, up to 3 % lost returns, ranges rounded to the millimetre (as
 * drivers and the robot simulator report them). People are a torso (an ellipse 0.30 to 0.60 m wide, 45 to 100 %
 * as deep, facing anywhere; round like the simulator's) or a pair of legs (0.09 to 0.16 m thick, apart as in a
 * stride). Obstacles are walls (0.6 to 12 m, seen face-on to 80 degrees off), boxes (0.2 to 1.2 m sides, any
 * angle), poles (0.03 to 0.2 m), round bins and pillars (0.64 to 1.2 m), corners seen from outside or inside, and
 * tables (four thin legs), in front of a room's walls or a few free walls. Everything is placed at 0.3 to 10 m and
 * hides what is behind it. A cluster takes the label of the object most of its returns hit; a cluster of one leg
 * alone is left out (it looks exactly like a pole: a per-cluster classifier cannot tell them apart).
 */

import java.io.IOException;
import java.io.Writer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;

import org.cogos.sensor.internal.Cluster;
import org.cogos.sensor.internal.ClusterFeatures;
import org.cogos.sensor.internal.LaserScan;
import org.cogos.sensor.internal.ScanClusterer;
import org.cogos.sensor.internal.SensorConfig;

public class TrainClusterMlp {

    static final long TRAIN_SEED = 20261124L;
    static final long TEST_SEED = 4242L;
    static final int TRAIN_PER_CLASS = 20_000;
    static final int TEST_PER_CLASS = 5_000;

    /** The module's defaults, read from its SensorConfig: the network is trained for the clusters they give. */
    static final double GAP_M = (Double) moduleDefault("clusterGapM");
    static final int MIN_POINTS = (Integer) moduleDefault("minClusterPoints");

    static final String[] CLASSES = {"obstacle", "person"};
    static final int OBSTACLE = 0;
    static final int PERSON = 1;
    static final int NONE = -1;

    static final int[] SIZES = {ClusterFeatures.COUNT, 16, 16, 2};
    static final int EPOCHS = 60;
    static final int BATCH = 64;
    static final double LEARNING_RATE = 0.003;

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && !args[0].startsWith("-")) {
            train(Path.of(args[0]));
        } else if (args.length == 4 && args[0].equals("--scans")) {
            writeScans(Long.parseLong(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        } else {
            System.err.println("usage: java -cp bundles/sensor/target/classes scripts/train-cluster-mlp.java OUT.txt");
            System.err.println("       java -cp bundles/sensor/target/classes scripts/train-cluster-mlp.java"
                    + " --scans SEED COUNT OUT.jsonl");
            System.exit(2);
        }
    }

    static Object moduleDefault(String parameter) {
        try {
            return SensorConfig.class.getMethod(parameter).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("SensorConfig has no parameter " + parameter, e);
        }
    }

    // ---------------------------------------------------------------- training

    static void train(Path out) throws IOException {
        Samples train = Samples.balanced(TRAIN_SEED, TRAIN_PER_CLASS);
        Samples test = Samples.balanced(TEST_SEED, TEST_PER_CLASS);
        System.out.printf(Locale.ROOT, "train: %d clusters from %d scans; test: %d clusters from %d scans%n",
                train.size(), train.scans, test.size(), test.scans);

        Mlp mlp = new Mlp(SIZES, new Random(TRAIN_SEED));
        double[] mean = new double[ClusterFeatures.COUNT];
        double[] std = new double[ClusterFeatures.COUNT];
        train.standardisation(mean, std);
        double[][] x = train.standardised(mean, std);
        Random shuffle = new Random(TRAIN_SEED + 1);
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            // Step decay: a tenth of the rate for the last fifth of the epochs settles the weights.
            double rate = epoch < EPOCHS * 4 / 5 ? LEARNING_RATE : LEARNING_RATE / 10;
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double loss = 0;
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                loss += mlp.step(x, train.labels, order, start, end, rate);
            }
            if (epoch % 10 == 9 || epoch == EPOCHS - 1) {
                System.out.printf(Locale.ROOT, "epoch %2d: loss %.4f%n", epoch + 1, loss / order.length);
            }
        }

        float[][] weights = mlp.exportWeights(mean, std);
        float[][] biases = mlp.exportBiases(mean, std);
        Accuracy trainAccuracy = Accuracy.of(weights, biases, train);
        Accuracy testAccuracy = Accuracy.of(weights, biases, test);
        System.out.println("train " + trainAccuracy);
        System.out.println("test  " + testAccuracy);
        System.out.println("test by nearest range: " + testAccuracy.byRange());
        System.out.println("test by object: " + testAccuracy.byKind());

        List<String> summary = List.of(
                String.format(Locale.ROOT, "training set: %d clusters (seed %d), held-out test set: %d (seed %d),"
                        + " each half people", train.size(), TRAIN_SEED, test.size(), TEST_SEED),
                String.format(Locale.ROOT, "network: %d -> 16 relu -> 16 relu -> 2 softmax; Adam, batch %d,"
                        + " %d epochs, rate %s", SIZES[0], BATCH, EPOCHS, LEARNING_RATE),
                "train " + trainAccuracy,
                "test  " + testAccuracy,
                "test by nearest range: " + testAccuracy.byRange(),
                "test by object: " + testAccuracy.byKind());
        byte[] file = weightsFile(weights, biases, summary);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, file);
        String sha = HexFormat.of().formatHex(sha256(file));
        Files.writeString(out.resolveSibling(out.getFileName() + ".sha256"),
                sha + "  " + out.getFileName() + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + out + " (sha256 " + sha + ")");
    }

    /**
     * The format MlpWeights of the sensor reads: comment lines (#), then "cogos-mlp 1", the features, the classes,
     * per layer "dense IN OUT relu|none", IN lines of OUT weights (row i: the weights from input i) and a "bias"
     * line, then "end". Floats print as Java's shortest exact decimal, so they read back to the same bits.
     */
    static byte[] weightsFile(float[][] weights, float[][] biases, List<String> summary) {
        StringBuilder text = new StringBuilder();
        text.append("# cogos sensor: person/obstacle classifier for LIDAR clusters (see docs/lidar-scan.md)\n");
        text.append("# written by scripts/train-cluster-mlp.java; do not edit: the .sha256 beside it must match\n");
        for (String line : summary) {
            text.append("# ").append(line).append('\n');
        }
        text.append("cogos-mlp 1\n");
        text.append("features ").append(String.join(" ", ClusterFeatures.NAMES)).append('\n');
        text.append("classes ").append(String.join(" ", CLASSES)).append('\n');
        for (int layer = 0; layer < weights.length; layer++) {
            int in = SIZES[layer];
            int outs = SIZES[layer + 1];
            boolean last = layer == weights.length - 1;
            text.append("dense ").append(in).append(' ').append(outs).append(last ? " none" : " relu").append('\n');
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < outs; o++) {
                    text.append(o == 0 ? "" : " ").append(weights[layer][i * outs + o]);
                }
                text.append('\n');
            }
            text.append("bias");
            for (int o = 0; o < outs; o++) {
                text.append(' ').append(biases[layer][o]);
            }
            text.append('\n');
        }
        text.append("end\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A multilayer perceptron in doubles, trained on standardised features with softmax cross-entropy and Adam. */
    static final class Mlp {

        final int[] sizes;
        final double[][] w;
        final double[][] b;
        final double[][] mw;
        final double[][] vw;
        final double[][] mb;
        final double[][] vb;
        final double[][] gw;
        final double[][] gb;
        long steps;

        Mlp(int[] sizes, Random random) {
            this.sizes = sizes;
            int layers = sizes.length - 1;
            w = new double[layers][];
            b = new double[layers][];
            mw = new double[layers][];
            vw = new double[layers][];
            mb = new double[layers][];
            vb = new double[layers][];
            gw = new double[layers][];
            gb = new double[layers][];
            for (int l = 0; l < layers; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                w[l] = new double[in * out];
                // He initialisation, for ReLU layers.
                double scale = StrictMath.sqrt(2.0 / in);
                for (int i = 0; i < w[l].length; i++) {
                    w[l][i] = random.nextGaussian() * scale;
                }
                b[l] = new double[out];
                mw[l] = new double[in * out];
                vw[l] = new double[in * out];
                gw[l] = new double[in * out];
                mb[l] = new double[out];
                vb[l] = new double[out];
                gb[l] = new double[out];
            }
        }

        /** One Adam step on the samples {@code order[start..end)}; returns their summed loss. */
        double step(double[][] x, int[] labels, int[] order, int start, int end, double rate) {
            int layers = w.length;
            for (int l = 0; l < layers; l++) {
                Arrays.fill(gw[l], 0);
                Arrays.fill(gb[l], 0);
            }
            double loss = 0;
            double[][] a = new double[layers + 1][];
            for (int s = start; s < end; s++) {
                int sample = order[s];
                a[0] = x[sample];
                for (int l = 0; l < layers; l++) {
                    a[l + 1] = dense(l, a[l], l < layers - 1);
                }
                double[] p = softmax(a[layers]);
                loss -= StrictMath.log(Math.max(p[labels[sample]], 1e-12));
                // d loss / d logits of softmax cross-entropy.
                double[] delta = p.clone();
                delta[labels[sample]] -= 1;
                for (int l = layers - 1; l >= 0; l--) {
                    int in = sizes[l];
                    int out = sizes[l + 1];
                    double[] previous = new double[in];
                    for (int i = 0; i < in; i++) {
                        double sum = 0;
                        for (int o = 0; o < out; o++) {
                            gw[l][i * out + o] += a[l][i] * delta[o];
                            sum += w[l][i * out + o] * delta[o];
                        }
                        previous[i] = l > 0 && a[l][i] > 0 ? sum : 0;
                    }
                    for (int o = 0; o < out; o++) {
                        gb[l][o] += delta[o];
                    }
                    delta = previous;
                }
            }
            steps++;
            int n = end - start;
            for (int l = 0; l < layers; l++) {
                adam(w[l], gw[l], mw[l], vw[l], n, rate);
                adam(b[l], gb[l], mb[l], vb[l], n, rate);
            }
            return loss;
        }

        private void adam(double[] p, double[] g, double[] m, double[] v, int n, double rate) {
            double beta1 = 0.9;
            double beta2 = 0.999;
            double correction1 = 1 - StrictMath.pow(beta1, steps);
            double correction2 = 1 - StrictMath.pow(beta2, steps);
            for (int i = 0; i < p.length; i++) {
                double gradient = g[i] / n;
                m[i] = beta1 * m[i] + (1 - beta1) * gradient;
                v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient;
                p[i] -= rate * (m[i] / correction1) / (StrictMath.sqrt(v[i] / correction2) + 1e-8);
            }
        }

        private double[] dense(int l, double[] in, boolean relu) {
            int out = sizes[l + 1];
            double[] z = b[l].clone();
            for (int i = 0; i < in.length; i++) {
                double value = in[i];
                for (int o = 0; o < out; o++) {
                    z[o] += value * w[l][i * out + o];
                }
            }
            if (relu) {
                for (int o = 0; o < out; o++) {
                    z[o] = Math.max(0, z[o]);
                }
            }
            return z;
        }

        /**
         * The weights as shipped, in float; the standardisation (x - mean) / std of the inputs is folded into the
         * first layer, so the module feeds the raw features.
         */
        float[][] exportWeights(double[] mean, double[] std) {
            float[][] out = new float[w.length][];
            for (int l = 0; l < w.length; l++) {
                int outs = sizes[l + 1];
                out[l] = new float[w[l].length];
                for (int i = 0; i < sizes[l]; i++) {
                    for (int o = 0; o < outs; o++) {
                        double value = w[l][i * outs + o];
                        out[l][i * outs + o] = (float) (l == 0 ? value / std[i] : value);
                    }
                }
            }
            return out;
        }

        float[][] exportBiases(double[] mean, double[] std) {
            float[][] out = new float[b.length][];
            for (int l = 0; l < b.length; l++) {
                int outs = sizes[l + 1];
                out[l] = new float[outs];
                for (int o = 0; o < outs; o++) {
                    double value = b[l][o];
                    if (l == 0) {
                        for (int i = 0; i < sizes[0]; i++) {
                            value -= mean[i] / std[i] * w[0][i * outs + o];
                        }
                    }
                    out[l][o] = (float) value;
                }
            }
            return out;
        }
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = StrictMath.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The class the shipped (float) weights give, computed the way the engine does: raw features in. */
    static int classify(float[][] weights, float[][] biases, float[] features) {
        double[] a = new double[features.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = features[i];
        }
        for (int l = 0; l < weights.length; l++) {
            int outs = biases[l].length;
            double[] z = new double[outs];
            for (int o = 0; o < outs; o++) {
                z[o] = biases[l][o];
            }
            for (int i = 0; i < a.length; i++) {
                for (int o = 0; o < outs; o++) {
                    z[o] += a[i] * weights[l][i * outs + o];
                }
            }
            if (l < weights.length - 1) {
                for (int o = 0; o < outs; o++) {
                    z[o] = Math.max(0, z[o]);
                }
            }
            a = z;
        }
        return a[PERSON] > a[OBSTACLE] ? PERSON : OBSTACLE;
    }

    /** Kinds of objects, for the accuracy report. */
    static final List<String> KINDS = List.of("torso", "legs", "wall", "room", "corner", "box", "pole", "bin", "table");

    /** Right and total counts by nearest range bucket (0.3-3, 3-6, 6-10 m) and by kind of object. */
    record Accuracy(int[] right, int[] total, int[] rangeRight, int[] rangeTotal, int[] kindRight, int[] kindTotal) {

        static final double[] RANGES = {3, 6, Double.POSITIVE_INFINITY};

        static Accuracy of(float[][] weights, float[][] biases, Samples samples) {
            Accuracy a = new Accuracy(new int[2], new int[2], new int[RANGES.length], new int[RANGES.length],
                    new int[KINDS.size()], new int[KINDS.size()]);
            for (int s = 0; s < samples.size(); s++) {
                int label = samples.labels[s];
                int ok = classify(weights, biases, samples.features.get(s)) == label ? 1 : 0;
                int bucket = 0;
                while (samples.nearest[s] >= RANGES[bucket]) {
                    bucket++;
                }
                int kind = KINDS.indexOf(samples.kinds.get(s));
                a.total[label]++;
                a.right[label] += ok;
                a.rangeTotal[bucket]++;
                a.rangeRight[bucket] += ok;
                a.kindTotal[kind]++;
                a.kindRight[kind] += ok;
            }
            return a;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "accuracy %.4f (obstacles %.4f, people %.4f)",
                    (right[0] + right[1]) / (double) (total[0] + total[1]), right[0] / (double) total[0],
                    right[1] / (double) total[1]);
        }

        String byRange() {
            return String.format(Locale.ROOT, "0.3-3 m %.4f, 3-6 m %.4f, 6-10 m %.4f",
                    rangeRight[0] / (double) rangeTotal[0], rangeRight[1] / (double) rangeTotal[1],
                    rangeRight[2] / (double) rangeTotal[2]);
        }

        String byKind() {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < KINDS.size(); k++) {
                text.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.4f (%d)", KINDS.get(k),
                        kindRight[k] / (double) kindTotal[k], kindTotal[k]));
            }
            return text.toString();
        }
    }

    /** Labelled feature vectors, as many people as obstacles, in the order the scans gave them. */
    static final class Samples {

        final List<float[]> features = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        int[] labels;
        double[] nearest;
        int scans;

        int size() {
            return features.size();
        }

        static Samples balanced(long seed, int perClass) {
            Samples samples = new Samples();
            List<Integer> labels = new ArrayList<>();
            List<Double> nearest = new ArrayList<>();
            int[] counts = new int[2];
            Random random = new Random(seed);
            while (counts[OBSTACLE] < perClass || counts[PERSON] < perClass) {
                Scan scan = Scan.random(random);
                samples.scans++;
                for (Labelled cluster : scan.clusters()) {
                    if (cluster.label != NONE && counts[cluster.label] < perClass) {
                        counts[cluster.label]++;
                        float[] f = new float[ClusterFeatures.COUNT];
                        ClusterFeatures.write(cluster.cluster, scan.increment, FloatBuffer.wrap(f), 0);
                        samples.features.add(f);
                        samples.kinds.add(cluster.kind);
                        labels.add(cluster.label);
                        nearest.add(cluster.cluster.nearestM());
                    }
                }
            }
            samples.labels = labels.stream().mapToInt(Integer::intValue).toArray();
            samples.nearest = nearest.stream().mapToDouble(Double::doubleValue).toArray();
            return samples;
        }

        void standardisation(double[] mean, double[] std) {
            int n = size();
            for (float[] f : features) {
                for (int i = 0; i < f.length; i++) {
                    mean[i] += f[i];
                }
            }
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= n;
            }
            for (float[] f : features) {
                for (int i = 0; i < f.length; i++) {
                    std[i] += (f[i] - mean[i]) * (f[i] - mean[i]);
                }
            }
            for (int i = 0; i < std.length; i++) {
                std[i] = Math.max(1e-6, StrictMath.sqrt(std[i] / n));
            }
        }

        double[][] standardised(double[] mean, double[] std) {
            double[][] x = new double[size()][];
            for (int s = 0; s < x.length; s++) {
                float[] f = features.get(s);
                x[s] = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    x[s][i] = (f[i] - mean[i]) / std[i];
                }
            }
            return x;
        }
    }

    // ---------------------------------------------------------------- scans for tests

    static void writeScans(long seed, int count, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Random random = new Random(seed);
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int seq = 0; seq < count; seq++) {
                Scan scan = Scan.random(random);
                StringBuilder labels = new StringBuilder();
                for (Labelled cluster : scan.clusters()) {
                    if (cluster.label != NONE) {
                        labels.append(labels.length() == 0 ? "" : ",").append(cluster.cluster.firstRay()).append('-')
                                .append(cluster.cluster.lastRay()).append(':').append(CLASSES[cluster.label]);
                    }
                }
                StringBuilder json = new StringBuilder(8192);
                json.append("{\"seq\":").append(seq).append(",\"stamp\":1700000000000,\"frame\":\"laser\"")
                        .append(",\"angle_min\":").append(scan.angleMin)
                        .append(",\"angle_max\":").append(scan.angleMin + (scan.ranges.length - 1) * scan.increment)
                        .append(",\"angle_increment\":").append(scan.increment)
                        .append(",\"range_min\":").append(Scan.RANGE_MIN)
                        .append(",\"range_max\":").append(scan.rangeMax)
                        .append(",\"ranges\":[");
                for (int i = 0; i < scan.ranges.length; i++) {
                    double range = scan.ranges[i];
                    json.append(i == 0 ? "" : ",").append(Double.isNaN(range) ? "null" : Double.toString(range));
                }
                json.append("],\"labels\":\"").append(labels).append("\"}\n");
                writer.write(json.toString());
            }
        }
    }

    // ---------------------------------------------------------------- scenes

    /** What a ray can hit: the distance along the unit ray (dx, dy) from the sensor, or +Infinity. */
    interface Shape {
        double hit(double dx, double dy);
    }

    record Circle(double cx, double cy, double r) implements Shape {
        @Override
        public double hit(double dx, double dy) {
            double b = dx * cx + dy * cy;
            double disc = b * b - (cx * cx + cy * cy - r * r);
            if (disc < 0) {
                return Double.POSITIVE_INFINITY;
            }
            double t = b - StrictMath.sqrt(disc);
            return t > 0 ? t : Double.POSITIVE_INFINITY;
        }
    }

    /** Half-axes a along (cos, sin) and b across it. */
    record Ellipse(double cx, double cy, double a, double b, double cos, double sin) implements Shape {
        @Override
        public double hit(double dx, double dy) {
            // In the ellipse's frame, scaled to a unit circle.
            double ox = (-cx * cos - cy * sin) / a;
            double oy = (cx * sin - cy * cos) / b;
            double ux = (dx * cos + dy * sin) / a;
            double uy = (-dx * sin + dy * cos) / b;
            double qa = ux * ux + uy * uy;
            double qb = 2 * (ox * ux + oy * uy);
            double qc = ox * ox + oy * oy - 1;
            double disc = qb * qb - 4 * qa * qc;
            if (disc < 0) {
                return Double.POSITIVE_INFINITY;
            }
            double t = (-qb - StrictMath.sqrt(disc)) / (2 * qa);
            return t > 0 ? t : Double.POSITIVE_INFINITY;
        }
    }

    record Segment(double x1, double y1, double x2, double y2) implements Shape {
        @Override
        public double hit(double dx, double dy) {
            double ex = x2 - x1;
            double ey = y2 - y1;
            double denom = dx * ey - dy * ex;
            if (Math.abs(denom) < 1e-12) {
                return Double.POSITIVE_INFINITY;
            }
            double t = (x1 * ey - y1 * ex) / denom;
            double u = (x1 * dy - y1 * dx) / denom;
            return t > 0 && u >= 0 && u <= 1 ? t : Double.POSITIVE_INFINITY;
        }

        /** Distance from (px, py) to the segment. */
        double distance(double px, double py) {
            double ex = x2 - x1;
            double ey = y2 - y1;
            double length2 = ex * ex + ey * ey;
            double u = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * ex + (py - y1) * ey) / length2));
            double qx = x1 + u * ex - px;
            double qy = y1 + u * ey - py;
            return StrictMath.sqrt(qx * qx + qy * qy);
        }
    }

    /** A shape of an object; {@code part} tells the two legs of a person apart. */
    record Part(Shape shape, int object, int part) {
    }

    /** An object: what it is, its class, and its bounding circle (radius 0: walls). */
    record Thing(String kind, int label, double cx, double cy, double radius) {

        boolean legs() {
            return kind.equals("legs");
        }
    }

    record Labelled(Cluster cluster, int label, String kind) {
    }

    /** One scene and its scan. */
    static final class Scan {

        static final double RANGE_MIN = 0.05;
        static final double[] RANGE_MAX = {10, 20, 30};

        final List<Part> parts = new ArrayList<>();
        final List<Thing> things = new ArrayList<>();
        final List<Segment> walls = new ArrayList<>();
        final Random random;
        double angleMin;
        double increment;
        double fov;
        double rangeMax;
        boolean fullCircle;
        double[] ranges;
        int[] objects;
        int[] partsHit;

        private Scan(Random random) {
            this.random = random;
        }

        static Scan random(Random random) {
            Scan scan = new Scan(random);
            scan.sensor();
            scan.scene();
            scan.cast();
            return scan;
        }

        private double uniform(double min, double max) {
            return min + (max - min) * random.nextDouble();
        }

        private void sensor() {
            increment = StrictMath.toRadians(StrictMath.exp(uniform(StrictMath.log(0.25), StrictMath.log(3))));
            int kind = random.nextInt(3);
            if (kind == 0) {
                int count = (int) Math.round(2 * Math.PI / increment);
                increment = 2 * Math.PI / count;
                angleMin = -Math.PI;
                fov = 2 * Math.PI;
                fullCircle = true;
                ranges = new double[count];
            } else {
                fov = StrictMath.toRadians(kind == 1 ? 270 : 180);
                angleMin = -fov / 2;
                ranges = new double[(int) Math.round(fov / increment) + 1];
            }
            rangeMax = RANGE_MAX[random.nextInt(RANGE_MAX.length)];
        }

        private void scene() {
            if (random.nextDouble() < 0.35) {
                room();
            } else {
                for (int i = random.nextInt(3); i > 0; i--) {
                    place(this::wall);
                }
            }
            int people = random.nextInt(4);
            int obstacles = 1 + random.nextInt(5);
            for (int i = 0; i < people; i++) {
                place(random.nextDouble() < 0.65 ? this::torso : this::legs);
            }
            for (int i = 0; i < obstacles; i++) {
                double kind = random.nextDouble();
                if (kind < 0.15) {
                    place(this::wall);
                } else if (kind < 0.45) {
                    place(this::box);
                } else if (kind < 0.7) {
                    place(this::pole);
                } else if (kind < 0.8) {
                    place(this::bin);
                } else if (kind < 0.9) {
                    place(this::corner);
                } else {
                    place(this::table);
                }
            }
        }

        /** Tries a few random placements of an object until one does not collide with what is there. */
        private void place(IntFunction<Candidate> maker) {
            for (int attempt = 0; attempt < 30; attempt++) {
                Candidate candidate = maker.apply(things.size());
                if (fits(candidate)) {
                    things.add(candidate.thing);
                    parts.addAll(candidate.parts);
                    walls.addAll(candidate.walls);
                    return;
                }
            }
        }

        private boolean fits(Candidate candidate) {
            Thing t = candidate.thing;
            for (Thing other : things) {
                if (t.radius > 0 && other.radius > 0
                        && StrictMath.hypot(t.cx - other.cx, t.cy - other.cy) < t.radius + other.radius + 0.05) {
                    return false;
                }
                for (Segment wall : candidate.walls) {
                    if (other.radius > 0 && wall.distance(other.cx, other.cy) < other.radius + 0.02) {
                        return false;
                    }
                }
            }
            if (t.radius > 0) {
                for (Segment wall : walls) {
                    if (wall.distance(t.cx, t.cy) < t.radius + 0.02) {
                        return false;
                    }
                }
            }
            return true;
        }

        record Candidate(Thing thing, List<Part> parts, List<Segment> walls) {
        }

        /** A bearing inside the field of view. */
        private double bearing() {
            return fullCircle ? uniform(-Math.PI, Math.PI) : uniform(angleMin, angleMin + fov);
        }

        private double distance() {
            return uniform(0.3, 10);
        }

        private Candidate torso(int object) {
            double a = uniform(0.15, 0.30);
            double b = a * uniform(0.45, 1);
            double heading = uniform(-Math.PI, Math.PI);
            double cos = StrictMath.cos(heading);
            double sin = StrictMath.sin(heading);
            double phi = bearing();
            double ux = StrictMath.cos(phi);
            double uy = StrictMath.sin(phi);
            // Distance from the centre to the near surface along the line of sight: the support function.
            double along = ux * cos + uy * sin;
            double across = -ux * sin + uy * cos;
            double centre = distance() + StrictMath.sqrt(a * a * along * along + b * b * across * across);
            double cx = centre * ux;
            double cy = centre * uy;
            return new Candidate(new Thing("torso", PERSON, cx, cy, a),
                    List.of(new Part(new Ellipse(cx, cy, a, b, cos, sin), object, 0)), List.of());
        }

        private Candidate legs(int object) {
            double r = uniform(0.045, 0.08);
            double apart = uniform(0.12, 0.30);
            double stride = uniform(-0.35, 0.35);
            double heading = uniform(-Math.PI, Math.PI);
            double cos = StrictMath.cos(heading);
            double sin = StrictMath.sin(heading);
            double phi = bearing();
            double centre = distance() + 0.2;
            double cx = centre * StrictMath.cos(phi);
            double cy = centre * StrictMath.sin(phi);
            double ox = stride / 2 * cos - apart / 2 * sin;
            double oy = stride / 2 * sin + apart / 2 * cos;
            double radius = StrictMath.hypot(ox, oy) + r;
            return new Candidate(new Thing("legs", PERSON, cx, cy, radius),
                    List.of(new Part(new Circle(cx + ox, cy + oy, r), object, 0),
                            new Part(new Circle(cx - ox, cy - oy, r), object, 1)), List.of());
        }

        private Candidate wall(int object) {
            double length = StrictMath.exp(uniform(StrictMath.log(0.6), StrictMath.log(12)));
            double incidence = StrictMath.toRadians(uniform(-80, 80));
            double phi = bearing();
            double d = distance();
            double px = d * StrictMath.cos(phi);
            double py = d * StrictMath.sin(phi);
            double direction = phi + Math.PI / 2 + incidence;
            double wx = StrictMath.cos(direction);
            double wy = StrictMath.sin(direction);
            double from = -uniform(0, length);
            Segment wall = new Segment(px + from * wx, py + from * wy, px + (from + length) * wx,
                    py + (from + length) * wy);
            return new Candidate(new Thing("wall", OBSTACLE, px, py, 0), List.of(new Part(wall, object, 0)),
                    List.of(wall));
        }

        private Candidate box(int object) {
            double p = uniform(0.2, 1.2);
            double q = uniform(0.2, 1.2);
            double heading = uniform(-Math.PI, Math.PI);
            double cos = StrictMath.cos(heading);
            double sin = StrictMath.sin(heading);
            double phi = bearing();
            double ux = StrictMath.cos(phi);
            double uy = StrictMath.sin(phi);
            double centre = distance() + p / 2 * Math.abs(ux * cos + uy * sin) + q / 2 * Math.abs(-ux * sin + uy * cos);
            double cx = centre * ux;
            double cy = centre * uy;
            double[][] corners = new double[4][];
            int[][] signs = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
            for (int i = 0; i < 4; i++) {
                double lx = signs[i][0] * p / 2;
                double ly = signs[i][1] * q / 2;
                corners[i] = new double[] {cx + lx * cos - ly * sin, cy + lx * sin + ly * cos};
            }
            List<Part> sides = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double[] s = corners[i];
                double[] e = corners[(i + 1) % 4];
                sides.add(new Part(new Segment(s[0], s[1], e[0], e[1]), object, 0));
            }
            return new Candidate(new Thing("box", OBSTACLE, cx, cy, StrictMath.hypot(p, q) / 2), sides, List.of());
        }

        private Candidate round(int object, String kind, double r) {
            double phi = bearing();
            double centre = distance() + r;
            double cx = centre * StrictMath.cos(phi);
            double cy = centre * StrictMath.sin(phi);
            return new Candidate(new Thing(kind, OBSTACLE, cx, cy, r),
                    List.of(new Part(new Circle(cx, cy, r), object, 0)), List.of());
        }

        private Candidate pole(int object) {
            return round(object, "pole", uniform(0.015, 0.10));
        }

        private Candidate bin(int object) {
            return round(object, "bin", uniform(0.32, 0.6));
        }

        /** Two walls meeting at right angles, the corner towards the sensor (outside) or away from it (inside). */
        private Candidate corner(int object) {
            double phi = bearing();
            double first = uniform(0.3, 3);
            double second = uniform(0.3, 3);
            boolean outside = random.nextBoolean();
            double d = distance() + (outside ? 0 : Math.max(first, second) * 0.75);
            double vx = d * StrictMath.cos(phi);
            double vy = d * StrictMath.sin(phi);
            double skew = StrictMath.toRadians(uniform(-30, 30));
            double base = (outside ? phi : phi + Math.PI) + skew;
            double a1 = base + Math.PI / 4;
            double a2 = base - Math.PI / 4;
            Segment one = new Segment(vx, vy, vx + first * StrictMath.cos(a1), vy + first * StrictMath.sin(a1));
            Segment two = new Segment(vx, vy, vx + second * StrictMath.cos(a2), vy + second * StrictMath.sin(a2));
            return new Candidate(new Thing("corner", OBSTACLE, vx, vy, 0),
                    List.of(new Part(one, object, 0), new Part(two, object, 0)), List.of(one, two));
        }

        /** Four thin legs at the corners of a square. */
        private Candidate table(int object) {
            double side = uniform(0.5, 1.0);
            double r = uniform(0.015, 0.04);
            double heading = uniform(-Math.PI, Math.PI);
            double phi = bearing();
            double centre = distance() + side / Math.sqrt(2) + r;
            double cx = centre * StrictMath.cos(phi);
            double cy = centre * StrictMath.sin(phi);
            List<Part> legs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double angle = heading + i * Math.PI / 2;
                legs.add(new Part(new Circle(cx + side / Math.sqrt(2) * StrictMath.cos(angle),
                        cy + side / Math.sqrt(2) * StrictMath.sin(angle), r), object, 0));
            }
            return new Candidate(new Thing("table", OBSTACLE, cx, cy, side / Math.sqrt(2) + r), legs, List.of());
        }

        /** The four walls of a room around the sensor, turned at random. */
        private void room() {
            double heading = uniform(-Math.PI, Math.PI);
            double cos = StrictMath.cos(heading);
            double sin = StrictMath.sin(heading);
            double left = uniform(1.5, 12);
            double right = uniform(1.5, 12);
            double front = uniform(1.5, 12);
            double back = uniform(1.5, 12);
            double[][] corners = {{front, left}, {-back, left}, {-back, -right}, {front, -right}};
            int object = things.size();
            List<Part> sides = new ArrayList<>();
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double[] s = corners[i];
                double[] e = corners[(i + 1) % 4];
                Segment wall = new Segment(s[0] * cos - s[1] * sin, s[0] * sin + s[1] * cos,
                        e[0] * cos - e[1] * sin, e[0] * sin + e[1] * cos);
                sides.add(new Part(wall, object, 0));
                segments.add(wall);
            }
            things.add(new Thing("room", OBSTACLE, 0, 0, 0));
            parts.addAll(sides);
            walls.addAll(segments);
        }

        /** Casts every ray: nearest hit, range noise, lost returns, millimetre rounding, range limits. */
        private void cast() {
            double sigma = uniform(0, 0.03);
            double proportional = uniform(0, 0.01);
            double lost = uniform(0, 0.03);
            objects = new int[ranges.length];
            partsHit = new int[ranges.length];
            for (int i = 0; i < ranges.length; i++) {
                double angle = angleMin + i * increment;
                double dx = StrictMath.cos(angle);
                double dy = StrictMath.sin(angle);
                double best = Double.POSITIVE_INFINITY;
                Part hit = null;
                for (Part part : parts) {
                    double t = part.shape.hit(dx, dy);
                    if (t < best) {
                        best = t;
                        hit = part;
                    }
                }
                objects[i] = hit == null ? -1 : hit.object;
                partsHit[i] = hit == null ? -1 : hit.part;
                double range = Double.NaN;
                if (hit != null && random.nextDouble() >= lost) {
                    range = Math.round((best + random.nextGaussian() * (sigma + proportional * best)) * 1000) / 1000.0;
                    if (!(range >= RANGE_MIN && range <= rangeMax)) {
                        range = Double.NaN;
                    }
                }
                ranges[i] = range;
            }
        }

        /** The module's clusters of this scan, each with the label of the object most of its returns hit. */
        List<Labelled> clusters() {
            LaserScan scan = new LaserScan(0, "laser", angleMin, increment, RANGE_MIN, rangeMax, ranges, fullCircle);
            List<Labelled> labelled = new ArrayList<>();
            for (Cluster cluster : ScanClusterer.cluster(scan, GAP_M, MIN_POINTS)) {
                int[] votes = new int[things.size()];
                boolean[][] legParts = new boolean[things.size()][2];
                int ray = cluster.firstRay();
                while (true) {
                    if (!Double.isNaN(ranges[ray])) {
                        votes[objects[ray]]++;
                        if (things.get(objects[ray]).legs()) {
                            legParts[objects[ray]][partsHit[ray]] = true;
                        }
                    }
                    if (ray == cluster.lastRay()) {
                        break;
                    }
                    ray = (ray + 1) % ranges.length;
                }
                int best = 0;
                for (int o = 1; o < votes.length; o++) {
                    if (votes[o] > votes[best]) {
                        best = o;
                    }
                }
                Thing thing = things.get(best);
                boolean loneLeg = thing.legs() && !(legParts[best][0] && legParts[best][1]);
                labelled.add(new Labelled(cluster, loneLeg ? NONE : thing.label, thing.kind));
            }
            return labelled;
        }
    }
}
