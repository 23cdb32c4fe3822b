package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cogos.api.Detection;
import org.cogos.api.Percept;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.harness.Configs;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The module on the kernel backend: the shipped network in the cogos_tensor module's pool, every scan's clusters
 * classified by one ioctl, with the same labels as the user-space twin and probabilities within float rounding.
 * Skipped unless the device exists; the qemu guest of integration-tests/kmod-it can run it with the modules loaded
 * (devices: system properties {@code cogos.tensor.device} and {@code cogos.compute.device}, as native-bridge's
 * KernelTensorEngineTest).
 */
public class KernelClassifierTest {

    private static final String DEVICE = System.getProperty("cogos.tensor.device", "/dev/cogos_tensor");
    private static final String COMPUTE_DEVICE = System.getProperty("cogos.compute.device", "/dev/cogos_compute");
    /** The backends may sum in another order (other SIMD widths): float rounding, far below any decision. */
    private static final double PROBABILITY_TOLERANCE = 1e-4;

    @BeforeClass
    public static void requireDevice() {
        Assume.assumeTrue(DEVICE + " exists (cogos_tensor loaded)", Files.exists(Path.of(DEVICE)));
    }

    /** The simulator's encounter, a crowd of posts (the 32-row batch) and round bodies at 1 to 7 m. */
    private static List<byte[]> scans() {
        List<byte[]> scans = new ArrayList<>();
        for (int frame = 0; frame <= 30; frame++) {
            ScanGenerator scan = ScanGenerator.simulatorLidar().circle(6.0 - 4.5 * frame / 30, 0, 0.225)
                    .segment(8, -20, 8, 20);
            scan.noiseSigmaM = 0.01;
            scan.noiseSeed = frame;
            scans.add(scan.payload());
        }
        ScanGenerator board = ScanGenerator.simulatorLidar().segment(0.3, -0.6, 0.3, 0.6).segment(8, -20, 8, 20);
        board.noiseSigmaM = 0.01;
        scans.add(board.payload());
        ScanGenerator posts = ScanGenerator.fullTurn().circle(2.5, 0, 0.2);
        for (int i = 0; i < 18; i++) {
            posts.circle(2, 0.6 + 0.3 * i, 0.1);
        }
        scans.add(posts.payload());
        for (double distance = 1; distance <= 7; distance += 1.5) {
            scans.add(ScanGenerator.fullTurn().circle(distance, 0.4, 0.2).segment(-1, -3, 1, -3).payload());
        }
        return scans;
    }

    private static List<List<Detection>> classify(TensorEngine engine, List<byte[]> scans) throws Exception {
        try (ClusterClassifier classifier = ClusterClassifier.load(engine,
                LidarModule.class.getResource(ClusterClassifier.WEIGHTS))) {
            ScanProcessor processor = new ScanProcessor(SensorOptions.from(Configs.defaults(SensorConfig.class)),
                    classifier);
            List<List<Detection>> results = new ArrayList<>();
            for (byte[] scan : scans) {
                results.add(processor.process(new Percept("r1", "lidar", 1, 0, 0, scan)).observation().detections());
            }
            // Once more, now that every batch size has its tensors: one ioctl per scan.
            long callsBefore = engine.status().calls();
            for (byte[] scan : scans) {
                processor.process(new Percept("r1", "lidar", 1, 0, 0, scan));
            }
            assertEquals("engine calls", scans.size(), engine.status().calls() - callsBefore);
            return results;
        }
    }

    @Test
    public void kernelAndUserSpaceClassifyAlikeAndThePoolIsGivenBack() throws Exception {
        List<byte[]> scans = scans();
        List<List<Detection>> user;
        try (NativeTensorEngine engine = NativeTensorEngine.userspace()) {
            user = classify(engine, scans);
        }
        List<List<Detection>> kernel;
        try (NativeTensorEngine engine = NativeTensorEngine.kernel(DEVICE, COMPUTE_DEVICE)) {
            long blocksBefore = engine.status().blocksUsed();
            kernel = classify(engine, scans);
            assertEquals("pool blocks after the classifier closed", blocksBefore, engine.status().blocksUsed());
        }

        for (int s = 0; s < scans.size(); s++) {
            assertEquals("scan " + s, user.get(s).size(), kernel.get(s).size());
            for (int d = 0; d < user.get(s).size(); d++) {
                Detection u = user.get(s).get(d);
                Detection k = kernel.get(s).get(d);
                assertEquals("scan " + s + " " + u + " / " + k, u.label(), k.label());
                assertEquals("scan " + s, u.confidence(), k.confidence(), PROBABILITY_TOLERANCE);
                assertEquals(TensorEngine.BACKEND_KERNEL, k.attributes().get("classifier"));
                assertEquals(TensorEngine.BACKEND_USERSPACE, u.attributes().get("classifier"));
            }
        }
    }
}
