package org.cogos.vision.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.cogos.api.PerceptException;

/**
 * Decodes a frame whose {@link ImageHeader} has been checked, with the JDK's ImageIO readers, and reads its pixels
 * as 8-bit RGB rows. The stream is an in-memory one built here (ImageIO's own factory would spill large inputs into
 * temporary files), the reader is disposed after every frame, and a reader warning (libjpeg's "premature end of
 * data", say, after which it fills the rest of the image with grey) refuses the frame like an error.
 */
final class ImageDecoding {

    /** Writes row {@code y} of an image as {@code width * 3} interleaved R, G, B values 0..255. */
    @FunctionalInterface
    interface RowSource {
        void read(int y, int[] rgb);
    }

    private ImageDecoding() {
    }

    static BufferedImage decode(byte[] bytes, ImageHeader header) throws PerceptException {
        String name = header.format().toUpperCase(Locale.ROOT);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(header.format());
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO reader for " + name);
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw corrupt(name, "the decoder reports: " + warnings.get(0), null);
            }
            if (image.getWidth() != header.width() || image.getHeight() != header.height()) {
                throw corrupt(name, "decoded " + image.getWidth() + "x" + image.getHeight() + " pixels, the header "
                        + "declares " + header.width() + "x" + header.height(), null);
            }
            return image;
        } catch (IOException e) {
            throw corrupt(name, e.getMessage(), e);
        } catch (RuntimeException e) {
            // A reader that trips over damaged data can throw anything (index out of bounds, illegal state).
            throw corrupt(name, e.toString(), e);
        } finally {
            reader.dispose();
        }
    }

    /** The image's rows as 8-bit RGB: greyscale is spread to three channels, alpha is ignored, 16 bits cut to 8. */
    static RowSource rows(BufferedImage image) throws PerceptException {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        if (model instanceof IndexColorModel palette) {
            int[] index = new int[width];
            return (y, rgb) -> {
                raster.getSamples(0, y, width, 1, 0, index);
                for (int x = 0; x < width; x++) {
                    rgb[3 * x] = palette.getRed(index[x]);
                    rgb[3 * x + 1] = palette.getGreen(index[x]);
                    rgb[3 * x + 2] = palette.getBlue(index[x]);
                }
            };
        }
        int space = model.getColorSpace().getType();
        if (model instanceof ComponentColorModel && (space == ColorSpace.TYPE_RGB || space == ColorSpace.TYPE_GRAY)) {
            // Raster bands follow the colour model's components (R, G, B[, A]) whatever the byte order in memory.
            int channels = space == ColorSpace.TYPE_RGB ? 3 : 1;
            int bits = model.getComponentSize(0);
            int[] samples = new int[width];
            return (y, rgb) -> {
                for (int c = 0; c < 3; c++) {
                    if (c < channels) {
                        raster.getSamples(0, y, width, 1, c, samples);
                    }
                    for (int x = 0; x < width; x++) {
                        rgb[3 * x + c] = to8Bits(samples[x], bits);
                    }
                }
            };
        }
        throw new PerceptException(ImageHeader.UNSUPPORTED_FORMAT,
                "the image decodes to an unsupported colour model (" + model.getColorSpace().getType()
                        + "-type colour space, " + model.getNumComponents() + " components)");
    }

    private static int to8Bits(int sample, int bits) {
        return bits == 8 ? sample : (int) Math.round(sample * 255.0 / ((1 << bits) - 1));
    }

    private static PerceptException corrupt(String format, String detail, Throwable cause) {
        return new PerceptException(PerceptException.MALFORMED, "corrupt " + format + ": " + detail, cause);
    }
}
