package org.cogos.vision.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.cogos.ml.internal.OnnxModels;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The module on the shipped model in the real ml runtime, fed the committed images and frames made from them. */
public class VisionModuleTest {

    private static OnnxModels ml;
    private static VisionModule module;

    @BeforeClass
    public static void activate() {
        ml = new OnnxModels(1, 1);
        module = new VisionModule(ml, ml, Configs.defaults(VisionConfig.class));
    }

    @AfterClass
    public static void deactivate() {
        module.deactivate();
        ml.close();
    }

    private static Observation process(byte[] payload) throws PerceptException {
        return module.process(TestImages.frame(payload));
    }

    private static Detection best(Observation o, String label) {
        return o.detections().stream().filter(d -> d.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " in " + o.detections()));
    }

    private static double attribute(Detection d, String key) {
        return Double.parseDouble(d.attributes().get(key));
    }

    private static double iou(Detection d, double[] box) {
        double w = Math.min(attribute(d, "x1"), box[2]) - Math.max(attribute(d, "x0"), box[0]);
        double h = Math.min(attribute(d, "y1"), box[3]) - Math.max(attribute(d, "y0"), box[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double a = (attribute(d, "x1") - attribute(d, "x0")) * (attribute(d, "y1") - attribute(d, "y0"));
        double b = (box[2] - box[0]) * (box[3] - box[1]);
        return w * h / (a + b - w * h);
    }

    /** expected-labels.tsv: each image yields its label at the shipped defaults, boxed where annotated. */
    @Test
    public void findsTheExpectedObjectsAtTheShippedDefaults() throws Exception {
        int rows = 0;
        try (BufferedReader tsv = new BufferedReader(new InputStreamReader(
                VisionModuleTest.class.getResourceAsStream("expected-labels.tsv"), StandardCharsets.UTF_8))) {
            for (String line = tsv.readLine(); line != null; line = tsv.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                double[] box = {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Double.parseDouble(f[5])};
                Observation o = process(TestImages.bytes(f[0]));
                Detection d = best(o, f[1]);
                assertTrue(f[0] + ": " + d, d.confidence() >= module.options().minConfidence());
                assertTrue(f[0] + ": IoU with the annotated box " + iou(d, box) + " " + d, iou(d, box) >= 0.5);
                assertEquals(f[0].endsWith(".png") ? "png" : "jpeg", d.attributes().get("format"));
                rows++;
            }
        }
        assertEquals(4, rows);
    }

    @Test
    public void reportsTheFrameAndPlacesThePersonByTheCameraModel() throws Exception {
        Observation o = process(TestImages.bytes("astronaut.png"));
        assertEquals("vision", o.module());
        assertEquals("camera", o.modality());
        assertEquals("r1", o.robotId());
        assertEquals(42, o.perceptSequence());
        assertEquals(-1, o.sourceSequence());
        assertEquals(7, o.receivedNanos());
        assertEquals("only the astronaut scores above the default threshold: " + o.detections(), 1,
                o.detections().size());
        Detection person = o.detections().get(0);
        assertEquals("512", person.attributes().get("image_width"));
        assertEquals("512", person.attributes().get("image_height"));
        assertEquals("0", person.attributes().get("class_id"));
        // The suit reaches below the frame: the height seen is too short, the distance an upper bound.
        assertEquals("box_height_truncated", person.attributes().get("distance_method"));
        assertEquals("1.70", person.attributes().get("assumed_height_m"));
        // 60 degrees over 512 px: fx = fy = 256 / tan(30 deg).
        double f = 256 / Math.tan(Math.toRadians(30));
        double x0 = attribute(person, "x0");
        double x1 = attribute(person, "x1");
        double h = attribute(person, "y1") - attribute(person, "y0");
        double u = (x0 + x1) / 2;
        assertEquals(Math.atan2(256 - u, f), person.bearingRad(), 1e-3);
        assertTrue("the astronaut stands left of centre: bearing " + person.bearingRad(), person.bearingRad() > 0);
        double depth = f * 1.7 / h;
        assertEquals(depth, attribute(person, "depth_m"), 1e-3);
        assertEquals(depth / Math.cos(Math.atan2(256 - u, f)), person.distanceM(), 1e-2);
        assertEquals((x1 - x0) * depth / f, person.sizeM(), 1e-2);
        assertTrue(person.spatial());
    }

    /** The same scene further right in the frame is further right of the robot: the bearing falls. */
    @Test
    public void bearingFollowsTheObjectAcrossTheFrame() throws Exception {
        BufferedImage astronaut = TestImages.image("astronaut.png");
        Detection left = best(process(TestImages.encode(TestImages.placed(astronaut, 768, 512, 0), "png")),
                "person");
        Detection right = best(process(TestImages.encode(TestImages.placed(astronaut, 768, 512, 256), "png")),
                "person");
        double uLeft = (attribute(left, "x0") + attribute(left, "x1")) / 2;
        double uRight = (attribute(right, "x0") + attribute(right, "x1")) / 2;
        assertEquals("the box moves with the picture", 256, uRight - uLeft, 6);
        assertTrue(left.bearingRad() + " > " + right.bearingRad(), left.bearingRad() > right.bearingRad());
        double f = 384 / Math.tan(Math.toRadians(30));
        assertEquals(Math.atan2(384 - uLeft, f) - Math.atan2(384 - uRight, f),
                left.bearingRad() - right.bearingRad(), 1e-3);
        assertTrue("the astronaut at the far left is left of the robot", left.bearingRad() > 0);
        assertTrue("pushed right, her box centre is right of the image centre", uRight > 384
                && right.bearingRad() < 0);
    }

    @Test
    public void cameraParametersMoveTheEstimates() throws Exception {
        byte[] astronaut = TestImages.bytes("astronaut.png");
        Detection plain = best(process(astronaut), "person");
        try {
            module.modified(Configs.of(VisionConfig.class, Map.of("cameraYawDeg", 90.0)));
            assertEquals(plain.bearingRad() + Math.PI / 2, best(process(astronaut), "person").bearingRad(), 1e-9);
            double f = 256 / Math.tan(Math.toRadians(30));
            module.modified(Configs.of(VisionConfig.class, Map.of("focalLengthYPx", 2 * f)));
            Detection tele = best(process(astronaut), "person");
            assertEquals(2 * attribute(plain, "depth_m"), attribute(tele, "depth_m"), 2e-3);
            assertEquals("fx still from the field of view", plain.bearingRad(), tele.bearingRad(), 1e-9);
            module.modified(Configs.of(VisionConfig.class, Map.of("objectHeights", "person = 0.85, cup=0.12")));
            Detection child = best(process(astronaut), "person");
            assertEquals(attribute(plain, "depth_m") / 2, attribute(child, "depth_m"), 2e-3);
            assertEquals("0.85", child.attributes().get("assumed_height_m"));
            module.modified(Configs.of(VisionConfig.class, Map.of("principalPointXPx", 0.0)));
            assertTrue("with cx at the left edge everything is to the right",
                    best(process(astronaut), "person").bearingRad() < 0);
        } finally {
            module.modified(Configs.defaults(VisionConfig.class));
        }
    }

    /** A class without a typical height keeps its bearing but has no distance, so no rule takes it for near. */
    @Test
    public void classesOfUnknownHeightHaveNoDistance() throws Exception {
        Detection table = best(process(TestImages.bytes("coffee.jpg")), "dining table");
        assertTrue(Double.isNaN(table.distanceM()));
        assertTrue(Double.isNaN(table.sizeM()));
        assertFalse(table.spatial());
        assertEquals("none", table.attributes().get("distance_method"));
        assertFalse(table.attributes().containsKey("depth_m"));
        assertTrue(Math.abs(table.bearingRad()) < 0.1);
        Detection cup = best(process(TestImages.bytes("coffee.jpg")), "cup");
        assertEquals("box_height", cup.attributes().get("distance_method"));
        assertTrue("a close-up: " + cup.distanceM(), cup.distanceM() > 0.1 && cup.distanceM() < 0.5);
    }

    @Test
    public void parametersSwapLiveAndBadOnesAreRefused() throws Exception {
        byte[] coffee = TestImages.bytes("coffee.png");
        int atDefault = process(coffee).detections().size();
        try {
            module.modified(Configs.of(VisionConfig.class, Map.of("minConfidence", 0.05)));
            int low = process(coffee).detections().size();
            assertTrue(low + " > " + atDefault, low > atDefault);
            module.modified(Configs.of(VisionConfig.class, Map.of("minConfidence", 0.05, "maxDetections", 2)));
            assertEquals(2, process(coffee).detections().size());
            module.modified(Configs.of(VisionConfig.class, Map.of("minConfidence", 0.9)));
            assertTrue(process(coffee).detections().isEmpty());
            module.modified(Configs.of(VisionConfig.class, Map.of("minConfidence", 1.5)));
            assertEquals("a rejected change keeps the previous options", 0.9, module.options().minConfidence(), 0);
        } finally {
            module.modified(Configs.defaults(VisionConfig.class));
        }
        assertEquals(atDefault, process(coffee).detections().size());
    }

    @Test
    public void refusesEveryKindOfBadFrameAndKeepsWorking() throws Exception {
        String malformed = PerceptException.MALFORMED;
        String unsupported = ImageHeader.UNSUPPORTED_FORMAT;
        String outOfRange = PerceptException.OUT_OF_RANGE;
        assertRefused(malformed, "the payload is empty; a camera frame is the bytes of one JPEG or PNG image",
                new byte[0]);
        assertRefused(unsupported, "the payload is not a JPEG or PNG image (it starts with 7b 22 74 65 78 74 22 3a)",
                "{\"text\":\"stop\"}".getBytes(StandardCharsets.UTF_8));
        BufferedImage small = TestImages.placed(TestImages.image("coffee.png"), 64, 48, 0);
        assertRefused(unsupported, "the payload is a GIF image; only JPEG and PNG are accepted",
                TestImages.encode(small, "gif"));
        assertRefused(unsupported, "the payload is a BMP image; only JPEG and PNG are accepted",
                TestImages.encode(small, "bmp"));

        byte[] jpeg = TestImages.bytes("astronaut.jpg");
        assertRefused(malformed, "corrupt JPEG: truncated: the image data ends at byte 34026 without an "
                + "end-of-image marker", Arrays.copyOf(jpeg, jpeg.length / 2));
        assertRefused(malformed, "corrupt JPEG: truncated or damaged: the 0xFFC4 segment at byte 210 declares 181 "
                + "bytes, the payload ends at byte 300",
                Arrays.copyOf(jpeg, 300));
        byte[] gap = new byte[jpeg.length - 20_000];
        System.arraycopy(jpeg, 0, gap, 0, 30_000);
        System.arraycopy(jpeg, 50_000, gap, 30_000, jpeg.length - 50_000);
        assertRefused(malformed, "corrupt JPEG: the decoder reports: Corrupt JPEG data: premature end of data "
                + "segment", gap);
        int sof = indexOf(jpeg, new byte[] {(byte) 0xff, (byte) 0xc0});
        byte[] bomb = jpeg.clone();
        putU16(bomb, sof + 5, 40_000);
        putU16(bomb, sof + 7, 40_000);
        assertRefused(outOfRange, "the JPEG declares 40000x40000 = 1600000000 pixels, more than maxImagePixels "
                + "(10000000)", bomb);
        byte[] arithmetic = jpeg.clone();
        arithmetic[sof + 1] = (byte) 0xc9;
        assertRefused(unsupported, "the JPEG is arithmetic-coded; only baseline, extended and progressive Huffman "
                + "JPEGs are accepted", arithmetic);

        byte[] png = TestImages.bytes("coffee.png");
        int idat = indexOf(png, "IDAT".getBytes(StandardCharsets.US_ASCII)) - 4;
        byte[] flipped = png.clone();
        flipped[idat + 500] ^= 0x10;
        assertRefused(malformed, "corrupt PNG: CRC mismatch in chunk IDAT at byte " + idat, flipped);
        assertRefused(malformed, "corrupt PNG: truncated: chunk IDAT at byte " + idat + " declares 8192 bytes, the "
                + "payload ends at byte 5000", Arrays.copyOf(png, 5000));
        byte[] scrambled = png.clone();
        for (int i = idat + 108; i < idat + 208; i++) {
            scrambled[i] ^= 0x5a;
        }
        fixCrc(scrambled, idat);
        assertRefused(malformed, "corrupt PNG: Error reading PNG image data", scrambled);
        byte[] pngBomb = TestImages.encode(small, "png");
        putU32(pngBomb, 16, 100_000);
        putU32(pngBomb, 20, 100_000);
        fixCrc(pngBomb, 8);
        assertRefused(outOfRange, "the PNG declares 100000x100000 = 10000000000 pixels, more than maxImagePixels "
                + "(10000000)", pngBomb);
        byte[] textMode = png.clone();
        textMode[4] = '\n';
        assertRefused(malformed, "corrupt PNG: the 8-byte signature is damaged (line endings converted in "
                + "transfer?)", textMode);

        assertEquals("person", process(TestImages.bytes("astronaut.png")).detections().get(0).label());
    }

    @Test
    public void maxImagePixelsIsAParameter() throws Exception {
        byte[] coffee = TestImages.bytes("coffee.jpg");
        try {
            module.modified(Configs.of(VisionConfig.class, Map.of("maxImagePixels", 239_999L)));
            assertRefused(PerceptException.OUT_OF_RANGE, "the JPEG declares 600x400 = 240000 pixels, more than "
                    + "maxImagePixels (239999)", coffee);
            module.modified(Configs.of(VisionConfig.class, Map.of("maxImagePixels", 240_000L)));
            assertEquals("cup", process(coffee).detections().get(0).label());
        } finally {
            module.modified(Configs.defaults(VisionConfig.class));
        }
    }

    /** Robots' frames arrive on several threads at once; each gets the answer it would get alone. */
    @Test
    public void framesOfSeveralRobotsAtOnce() throws Exception {
        byte[][] frames = {TestImages.bytes("astronaut.jpg"), TestImages.bytes("coffee.jpg")};
        List<List<Detection>> alone = new ArrayList<>();
        for (byte[] frame : frames) {
            alone.add(process(frame).detections());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Detection>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] frame = frames[i % 2];
                results.add(pool.submit(() -> process(frame).detections()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(alone.get(i % 2), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRefused(String code, String message, byte[] payload) {
        try {
            process(payload);
            fail("accepted: " + message);
        } catch (PerceptException e) {
            assertEquals(message, e.getMessage());
            assertEquals(message, code, e.code());
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    private static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    private static void putU32(byte[] b, int at, long value) {
        putU16(b, at, (int) (value >>> 16));
        putU16(b, at + 2, (int) value);
    }

    /** Recomputes the CRC of the PNG chunk starting at {@code chunk}, so only the damage inside it remains. */
    private static void fixCrc(byte[] png, int chunk) {
        int length = ((png[chunk] & 0xff) << 24) | ((png[chunk + 1] & 0xff) << 16) | ((png[chunk + 2] & 0xff) << 8)
                | (png[chunk + 3] & 0xff);
        CRC32 crc = new CRC32();
        crc.update(png, chunk + 4, 4 + length);
        putU32(png, chunk + 8 + length, crc.getValue());
    }
}
