package org.cogos.vision.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.cogos.api.Percept;

/** The committed test images (see scripts/models/vision-test-images.py) and frames made from them. */
final class TestImages {

    private TestImages() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = TestImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage image(String resource) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code image} drawn on a black canvas of {@code width x height} with its left edge at {@code x}. */
    static BufferedImage placed(BufferedImage image, int width, int height, int x) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width, height);
        g.drawImage(image, x, 0, null);
        g.dispose();
        return canvas;
    }

    static Percept frame(byte[] payload) {
        return new Percept("r1", "camera", 42, 7, 0, payload);
    }
}
