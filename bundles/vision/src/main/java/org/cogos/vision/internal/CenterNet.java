package org.cogos.vision.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shipped detector, MB3-CenterNet (see docs/vision.md), and the decoding of its two heads into boxes. This is
 * what the tail of the original TFJS graph does (kept out of the ONNX conversion): a heat-map cell is an object
 * centre when no cell of the same class in its 3x3 neighbourhood scores higher; the best {@value #CANDIDATES}
 * centres are kept; a centre at cell (x, y) has the box (4x - l, 4y - t, 4x + r, 4y + b) in input pixels, with
 * l, t, r, b read from the {@code wh} head at that cell. Non-maximum suppression (greedy, per class, as detectors
 * are scored on COCO) then drops the weaker of two boxes of one class that overlap too much.
 */
final class CenterNet {

    /** The name under which the module loads the model into the ml runtime. */
    static final String MODEL_NAME = "vision-centernet";
    /** The model in the bundle, with {@code centernet.onnx.sha256} beside it. */
    static final String RESOURCE = "/models/centernet.onnx";
    static final String INPUT = "images";
    static final String KEYPOINTS = "keypoints";
    static final String WH = "wh";
    /** Side of the square RGB input, pixels. */
    static final int INPUT_SIZE = 512;
    /** Input pixels per heat-map cell. */
    static final int STRIDE = 4;
    static final int GRID = INPUT_SIZE / STRIDE;
    /** Centres decoded per frame before thresholds and suppression, as in the original graph (TopKV2, k = 100). */
    static final int CANDIDATES = 100;

    /** A decoded box in model-input pixels. */
    record Box(int classId, float score, float x0, float y0, float x1, float y1) {

        float area() {
            return Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        }

        float iou(Box other) {
            float w = Math.min(x1, other.x1) - Math.max(x0, other.x0);
            float h = Math.min(y1, other.y1) - Math.max(y0, other.y0);
            if (w <= 0 || h <= 0) {
                return 0;
            }
            float intersection = w * h;
            return intersection / (area() + other.area() - intersection);
        }
    }

    private CenterNet() {
    }

    /**
     * The best centres scoring at least {@code minScore}, most confident first (ties: lower cell index first, as
     * TopKV2), at most {@value #CANDIDATES}.
     *
     * @param keypoints the heat map, NHWC {@code [1, 128, 128, 80]}
     * @param wh        the box edges, NHWC {@code [1, 128, 128, 4]}
     */
    static List<Box> centres(float[] keypoints, float[] wh, double minScore) {
        int classes = CocoClasses.COUNT;
        if (keypoints.length != GRID * GRID * classes || wh.length != GRID * GRID * 4) {
            throw new IllegalArgumentException("CenterNet outputs have " + keypoints.length + " and " + wh.length
                    + " values, expected " + GRID * GRID * classes + " and " + GRID * GRID * 4);
        }
        // score and index packed in one long, sortable: the float bits of a non-negative score order like ints.
        long[] found = new long[64];
        int n = 0;
        for (int i = 0; i < keypoints.length; i++) {
            float v = keypoints[i];
            if (!(v >= minScore) || !isPeak(keypoints, i, v, classes)) {
                continue;
            }
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            // Descending score, then ascending index: sort ascending on (-score bits, index).
            found[n++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(v)) << 32) | i;
        }
        Arrays.sort(found, 0, n);
        List<Box> boxes = new ArrayList<>(Math.min(n, CANDIDATES));
        for (int k = 0; k < Math.min(n, CANDIDATES); k++) {
            int i = (int) found[k];
            int cell = i / classes;
            int x = cell % GRID;
            int y = cell / GRID;
            float cx = x * STRIDE;
            float cy = y * STRIDE;
            boxes.add(new Box(i % classes, keypoints[i], cx - wh[4 * cell], cy - wh[4 * cell + 1],
                    cx + wh[4 * cell + 2], cy + wh[4 * cell + 3]));
        }
        return boxes;
    }

    /** As TF's 3x3 max pool with SAME padding followed by Equal: no neighbour of the same class is higher. */
    private static boolean isPeak(float[] keypoints, int i, float v, int classes) {
        int cell = i / classes;
        int x = cell % GRID;
        int y = cell / GRID;
        for (int dy = -1; dy <= 1; dy++) {
            int ny = y + dy;
            if (ny < 0 || ny >= GRID) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                if (nx < 0 || nx >= GRID || (dx == 0 && dy == 0)) {
                    continue;
                }
                if (keypoints[(ny * GRID + nx) * classes + i % classes] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Greedy non-maximum suppression within each class over boxes sorted by score: a box overlapping a kept box
     * of its class by more than {@code maxIou} is dropped.
     */
    static List<Box> suppress(List<Box> sorted, double maxIou, int maxBoxes) {
        List<Box> kept = new ArrayList<>();
        for (Box box : sorted) {
            if (kept.size() == maxBoxes) {
                break;
            }
            boolean overlaps = false;
            for (Box k : kept) {
                if (k.classId() == box.classId() && k.iou(box) > maxIou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(box);
            }
        }
        return kept;
    }
}
