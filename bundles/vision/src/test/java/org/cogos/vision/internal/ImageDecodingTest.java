package org.cogos.vision.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.Test;

/** The PNG and JPEG variants cameras and tools produce, through the header check and the RGB rows. */
public class ImageDecodingTest {

    private static int[] row(byte[] payload, int y) throws Exception {
        ImageHeader header = ImageHeader.read(payload);
        BufferedImage image = ImageDecoding.decode(payload, header);
        int[] rgb = new int[header.width() * 3];
        ImageDecoding.rows(image).read(y, rgb);
        return rgb;
    }

    @Test
    public void greyscalePngIsSpreadToThreeChannels() throws Exception {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        assertArrayEquals(new int[] {0, 0, 0, 128, 128, 128, 255, 255, 255}, row(TestImages.encode(grey, "png"), 0));
    }

    @Test
    public void sixteenBitPngIsCutToEightBits() throws Exception {
        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {65535, 257 * 100});
        assertArrayEquals(new int[] {255, 255, 255, 100, 100, 100}, row(TestImages.encode(deep, "png"), 0));
    }

    @Test
    public void palettePngIsLookedUp() throws Exception {
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(0, 0, 0xff0000);
        indexed.setRGB(1, 0, 0x0000ff);
        assertArrayEquals(new int[] {255, 0, 0, 0, 0, 255}, row(TestImages.encode(indexed, "png"), 0));
    }

    @Test
    public void alphaIsIgnored() throws Exception {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
        WritableRaster raster = rgba.getRaster();
        raster.setPixel(0, 0, new int[] {10, 20, 30, 0});
        raster.setPixel(1, 0, new int[] {40, 50, 60, 255});
        assertArrayEquals(new int[] {10, 20, 30, 40, 50, 60}, row(TestImages.encode(rgba, "png"), 0));
    }

    /** Progressive JPEGs have several scans with tables between them; the header walk steps through all. */
    @Test
    public void progressiveJpegIsWhole() throws Exception {
        BufferedImage coffee = TestImages.image("coffee.png");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(coffee, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] progressive = bytes.toByteArray();
        assertEquals(new ImageHeader("jpeg", 600, 400), ImageHeader.read(progressive));
        int scans = 0;
        for (int i = 0; i + 1 < progressive.length; i++) {
            if ((progressive[i] & 0xff) == 0xff && (progressive[i + 1] & 0xff) == 0xda) {
                scans++;
            }
        }
        assertTrue("scans: " + scans, scans > 1);
        int[] middle = row(progressive, 200);
        int[] original = new int[600 * 3];
        ImageDecoding.rows(coffee).read(200, original);
        double error = 0;
        for (int i = 0; i < middle.length; i++) {
            error += Math.abs(middle[i] - original[i]);
        }
        assertTrue("mean error " + error / middle.length, error / middle.length < 6);
    }

    @Test
    public void greyscaleJpegIsRead() throws Exception {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, 100);
            }
        }
        int[] rgb = row(TestImages.encode(grey, "jpeg"), 8);
        for (int v : rgb) {
            assertEquals(100, v, 2);
        }
    }
}
