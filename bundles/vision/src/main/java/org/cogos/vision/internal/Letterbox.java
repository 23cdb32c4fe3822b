package org.cogos.vision.internal;

/**
 * Fits a frame into the model's square input as the model's authors do for inference: scaled to keep its aspect
 * ratio, centred, the rest black. The scaling is a separable triangle (bilinear) filter whose support widens with
 * the reduction, so a large frame is averaged rather than sampled (no aliasing), and a frame already of the input
 * size is copied exactly. The output is NHWC RGB floats 0..255, unrounded.
 */
final class Letterbox {

    private final int width;
    private final int height;
    private final int size;
    private final int scaledWidth;
    private final int scaledHeight;
    private final int padX;
    private final int padY;

    Letterbox(int width, int height, int size) {
        double scale = Math.min((double) size / width, (double) size / height);
        this.width = width;
        this.height = height;
        this.size = size;
        scaledWidth = (int) Math.max(1, Math.min(size, Math.round(width * scale)));
        scaledHeight = (int) Math.max(1, Math.min(size, Math.round(height * scale)));
        padX = (size - scaledWidth) / 2;
        padY = (size - scaledHeight) / 2;
    }

    /** A model-input x (pixels) in the frame's pixels. */
    double toImageX(double modelX) {
        return (modelX - padX) * width / scaledWidth;
    }

    /** A model-input y (pixels) in the frame's pixels. */
    double toImageY(double modelY) {
        return (modelY - padY) * height / scaledHeight;
    }

    float[] resample(ImageDecoding.RowSource rows) {
        Taps horizontal = Taps.of(width, scaledWidth);
        Taps vertical = Taps.of(height, scaledHeight);
        // Rows scaled horizontally, all of them: each output row mixes a window of them.
        float[] narrow = new float[height * scaledWidth * 3];
        int[] row = new int[width * 3];
        for (int y = 0; y < height; y++) {
            rows.read(y, row);
            int base = y * scaledWidth * 3;
            for (int i = 0; i < scaledWidth; i++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int from = horizontal.start[i];
                for (int k = 0; k < horizontal.count[i]; k++) {
                    float w = horizontal.weights[i * horizontal.stride + k];
                    int p = 3 * (from + k);
                    r += w * row[p];
                    g += w * row[p + 1];
                    b += w * row[p + 2];
                }
                narrow[base + 3 * i] = r;
                narrow[base + 3 * i + 1] = g;
                narrow[base + 3 * i + 2] = b;
            }
        }
        float[] out = new float[size * size * 3];
        int line = scaledWidth * 3;
        for (int j = 0; j < scaledHeight; j++) {
            int target = ((j + padY) * size + padX) * 3;
            int from = vertical.start[j];
            for (int k = 0; k < vertical.count[j]; k++) {
                float w = vertical.weights[j * vertical.stride + k];
                int source = (from + k) * line;
                for (int v = 0; v < line; v++) {
                    out[target + v] += w * narrow[source + v];
                }
            }
        }
        return out;
    }

    /**
     * For each output pixel, the first input pixel of its window, the window's length and the normalised
     * triangle weights (the same construction as Pillow's resampling).
     */
    private record Taps(int[] start, int[] count, float[] weights, int stride) {

        static Taps of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1);
            double support = filterScale;
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[out];
            int[] count = new int[out];
            float[] weights = new float[out * stride];
            double[] w = new double[stride];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int lo = Math.max(0, (int) (center - support + 0.5));
                int hi = Math.min(in, (int) (center + support + 0.5));
                double total = 0;
                int n = 0;
                for (int x = lo; x < hi && n < stride; x++, n++) {
                    double t = Math.abs((x - center + 0.5) / filterScale);
                    w[n] = t < 1 ? 1 - t : 0;
                    total += w[n];
                }
                start[i] = lo;
                count[i] = n;
                for (int k = 0; k < n; k++) {
                    weights[i * stride + k] = (float) (total > 0 ? w[k] / total : 0);
                }
            }
            return new Taps(start, count, weights, stride);
        }
    }
}
