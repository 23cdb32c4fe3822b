package org.cogos.vision.internal;

import static org.junit.Assert.assertEquals;

import java.util.Arrays;

import org.junit.Test;

public class LetterboxTest {

    /** A frame of rgb(x, y, x+y) mod 256, as rows. */
    private static ImageDecoding.RowSource ramp(int width) {
        return (y, rgb) -> {
            for (int x = 0; x < width; x++) {
                rgb[3 * x] = x & 0xff;
                rgb[3 * x + 1] = y & 0xff;
                rgb[3 * x + 2] = (x + y) & 0xff;
            }
        };
    }

    @Test
    public void aFrameOfTheInputSizeIsCopiedExactly() {
        float[] out = new Letterbox(8, 8, 8).resample(ramp(8));
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(x, out[(y * 8 + x) * 3], 0);
                assertEquals(y, out[(y * 8 + x) * 3 + 1], 0);
                assertEquals(x + y, out[(y * 8 + x) * 3 + 2], 0);
            }
        }
    }

    @Test
    public void aWideFrameIsCentredBetweenBlackBands() {
        // 600x400 into 512: scaled to 512x341, 85 black rows above and 86 below.
        Letterbox box = new Letterbox(600, 400, 512);
        float[] out = box.resample((y, rgb) -> Arrays.fill(rgb, 200));
        assertEquals(0, out[(84 * 512 + 256) * 3], 0);
        assertEquals(200, out[(85 * 512 + 256) * 3], 1e-3);
        assertEquals(200, out[(425 * 512 + 511) * 3 + 2], 1e-3);
        assertEquals(0, out[(426 * 512) * 3], 0);
        assertEquals(0, box.toImageX(0), 1e-9);
        assertEquals(600, box.toImageX(512), 1e-9);
        assertEquals(0, box.toImageY(85), 1e-9);
        assertEquals(400, box.toImageY(85 + 341), 1e-9);
    }

    /** Halving averages pixel pairs instead of picking every other one. */
    @Test
    public void reductionAveragesInsteadOfSampling() {
        float[] out = new Letterbox(8, 8, 4).resample((y, rgb) -> {
            for (int x = 0; x < 8; x++) {
                int v = (x + y) % 2 == 0 ? 255 : 0;
                rgb[3 * x] = v;
                rgb[3 * x + 1] = v;
                rgb[3 * x + 2] = v;
            }
        });
        // Away from the left and right edges, where the window is cut, a checkerboard halves to flat grey.
        for (int y = 0; y < 4; y++) {
            for (int x = 1; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(127.5, out[(y * 4 + x) * 3 + c], 1e-3);
                }
            }
        }
    }

    @Test
    public void enlargementInterpolatesBetweenNeighbours() {
        // Two pixels, 0 and 255, doubled: the outer halves copy them, the inner ones mix them 3:1.
        float[] out = new Letterbox(2, 2, 4).resample((y, rgb) -> {
            rgb[0] = 0;
            rgb[3] = 255;
        });
        assertEquals(0, out[0], 1e-3);
        assertEquals(63.75, out[3], 1e-3);
        assertEquals(191.25, out[6], 1e-3);
        assertEquals(255, out[9], 1e-3);
    }
}
