package org.cogos.sensor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.DenseLayer;
import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.Tensor;
import org.cogos.api.tensor.TensorEngine;

/**
 * The person/obstacle classifier: the shipped MLP loaded into a {@link TensorEngine}, so that it runs in the
 * cogos_tensor kernel module when that backend is active and in its user-space twin otherwise. All clusters of a
 * scan go through the network in one call, at {@link Priority#SAFETY}. Thread-safe; close it to free the network
 * and the batch tensors.
 *
 * <p>Batch tensors come from the engine (the kernel's mmapped pool: no copy) and are reused: a call takes a
 * {@link Batch} from a free list and gives it back, so there are never more batches than concurrent calls. A
 * tensor's shape is fixed, so a batch keeps one input/output pair per power-of-two row count (8, 16, 32, ...) and a
 * scan uses the smallest that holds its clusters; the rows past them are computed and ignored, at most as many as
 * the scan's own.
 */
final class ClusterClassifier implements AutoCloseable {

    /** The shipped weights, a resource beside this class, with {@value #WEIGHTS}.sha256 beside it. */
    static final String WEIGHTS = "cluster-mlp.txt";
    static final List<String> CLASSES = List.of(ScanProcessor.OBSTACLE, ScanProcessor.PERSON);

    private static final int PERSON = CLASSES.indexOf(ScanProcessor.PERSON);
    private static final int MIN_ROWS_LOG2 = 3;

    private final TensorEngine engine;
    private final MlpNetwork network;
    private final String backend;
    private final Deque<Batch> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private ClusterClassifier(TensorEngine engine, MlpNetwork network) {
        this.engine = engine;
        this.network = network;
        this.backend = engine.backend();
    }

    /**
     * Checks {@code weights} against the SHA-256 in the file of the same name with {@code .sha256} appended, parses
     * it and loads the network into the engine.
     *
     * @throws IllegalArgumentException when the weights are missing, corrupt or do not fit {@link ClusterFeatures}
     */
    static ClusterClassifier load(TensorEngine engine, URL weights) {
        if (weights == null) {
            throw new IllegalArgumentException("classifier weights " + WEIGHTS + " are not in the bundle");
        }
        String path = weights.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<DenseLayer> layers = MlpWeights.parse(name, read(weights),
                new String(read(sibling(weights, name + ".sha256")), StandardCharsets.UTF_8),
                ClusterFeatures.NAMES, CLASSES);
        return new ClusterClassifier(engine, engine.loadNetwork(layers));
    }

    private static URL sibling(URL url, String name) {
        try {
            return new URL(url, name);
        } catch (IOException e) {
            throw new IllegalArgumentException("no URL for " + name + " beside " + url, e);
        }
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classifier file " + url, e);
        }
    }

    /** {@link TensorEngine#BACKEND_KERNEL} or {@link TensorEngine#BACKEND_USERSPACE}: where the network runs. */
    String backend() {
        return backend;
    }

    /**
     * @param angleIncrement the scan's angle between rays (a feature needs it)
     * @return the probability that each cluster is a person, in order; one engine call for all of them, none when
     *         there are no clusters
     */
    double[] personProbabilities(List<Cluster> clusters, double angleIncrement) {
        int count = clusters.size();
        double[] probabilities = new double[count];
        if (count == 0) {
            return probabilities;
        }
        if (closed) {
            throw new IllegalStateException("the lidar classifier is closed");
        }
        Batch batch = idle.pollFirst();
        if (batch == null) {
            batch = new Batch();
        }
        try {
            int bucket = Math.max(0, 32 - Integer.numberOfLeadingZeros(count - 1) - MIN_ROWS_LOG2);
            Tensor input = batch.input(bucket);
            Tensor output = batch.output(bucket);
            FloatBuffer features = input.floats();
            for (int i = 0; i < count; i++) {
                ClusterFeatures.write(clusters.get(i), angleIncrement, features, i * ClusterFeatures.COUNT);
            }
            // SAFETY: a person or an obstacle found here can stop the robot, so this work goes ahead of any
            // queued tensor work of a lower class (Priority's javadoc: what each backend guarantees).
            network.classify(Priority.SAFETY, input, output, null);
            FloatBuffer classes = output.floats();
            for (int i = 0; i < count; i++) {
                probabilities[i] = classes.get(i * CLASSES.size() + PERSON);
            }
        } finally {
            idle.offerFirst(batch);
            if (closed) {
                closeIdle();
            }
        }
        return probabilities;
    }

    /** Frees the batch tensors and the network; calls after it throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
        network.close();
    }

    private void closeIdle() {
        Batch batch;
        while ((batch = idle.pollFirst()) != null) {
            batch.close();
        }
    }

    /** One caller's tensors, by power-of-two row count; made on first use. */
    private final class Batch {

        private final Tensor[] inputs = new Tensor[32];
        private final Tensor[] outputs = new Tensor[32];

        Tensor input(int bucket) {
            if (inputs[bucket] == null) {
                inputs[bucket] = engine.allocate(DType.F32, rows(bucket), ClusterFeatures.COUNT);
            }
            return inputs[bucket];
        }

        Tensor output(int bucket) {
            if (outputs[bucket] == null) {
                outputs[bucket] = engine.allocate(DType.F32, rows(bucket), CLASSES.size());
            }
            return outputs[bucket];
        }

        private int rows(int bucket) {
            return 1 << (bucket + MIN_ROWS_LOG2);
        }

        void close() {
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != null) {
                    inputs[i].close();
                }
                if (outputs[i] != null) {
                    outputs[i].close();
                }
            }
        }
    }
}
