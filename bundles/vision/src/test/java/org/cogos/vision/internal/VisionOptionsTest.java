package org.cogos.vision.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;


import org.cogos.harness.Configs;
import org.junit.Test;

public class VisionOptionsTest {

    @Test
    public void defaultsAreTheDocumentedOnes() {
        assertEquals(new VisionOptions(0.3, 20, 0.4, 60, 0, 0, 0, -1, 0, 10_000_000, Map.of()),
                VisionOptions.from(Configs.defaults(VisionConfig.class)));
    }

    @Test
    public void refusesParametersOutsideTheirBounds() {
        assertRejected("org.cogos.vision.minConfidence = 1.5 is outside [0, 1]", Map.of("minConfidence", 1.5));
        assertRejected("org.cogos.vision.minConfidence = NaN is outside [0, 1]", Map.of("minConfidence", Double.NaN));
        assertRejected("org.cogos.vision.maxDetections = 0 is outside [1, 100]", Map.of("maxDetections", 0));
        assertRejected("org.cogos.vision.nmsIou = -0.1 is outside [0, 1]", Map.of("nmsIou", -0.1));
        assertRejected("org.cogos.vision.horizontalFovDeg = 180.0 is outside [1, 179]",
                Map.of("horizontalFovDeg", 180.0));
        assertRejected("org.cogos.vision.verticalFovDeg = 0.5 is neither 0 (square pixels) nor at least 1",
                Map.of("verticalFovDeg", 0.5));
        assertRejected("org.cogos.vision.focalLengthXPx = -1.0 is outside [0, 100000]", Map.of("focalLengthXPx", -1.0));
        assertRejected("org.cogos.vision.focalLengthYPx = Infinity is outside [0, 100000]",
                Map.of("focalLengthYPx", Double.POSITIVE_INFINITY));
        assertRejected("org.cogos.vision.principalPointXPx = -2.0 is outside [-1, 100000]",
                Map.of("principalPointXPx", -2.0));
        assertRejected("org.cogos.vision.cameraYawDeg = 181.0 is outside [-180, 180]", Map.of("cameraYawDeg", 181.0));
        assertRejected("org.cogos.vision.maxImagePixels = 0 is outside [1, 100000000]", Map.of("maxImagePixels", 0L));
        assertRejected("org.cogos.vision: objectHeights: 'robot' is not a COCO class label",
                Map.of("objectHeights", "robot=1.2"));
        assertRejected("org.cogos.vision: objectHeights: 'person' is not label=metres",
                Map.of("objectHeights", "person"));
        assertRejected("org.cogos.vision: objectHeights: the height of cup is not a number: 'tall'",
                Map.of("objectHeights", "cup=tall"));
        assertRejected("org.cogos.vision: objectHeights: the height of cup must be within (0, 100] m, got 0.0",
                Map.of("objectHeights", "cup=0"));
        assertRejected("org.cogos.vision: objectHeights: cup is given twice",
                Map.of("objectHeights", "cup=0.1,cup=0.2"));
    }

    private static void assertRejected(String message, Map<String, Object> values) {
        try {
            VisionOptions.from(Configs.of(VisionConfig.class, values));
            fail("accepted " + values);
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    public void heightOverridesReplaceTheTableOnlyWhereGiven() {
        VisionOptions options = VisionOptions.from(Configs.of(VisionConfig.class,
                Map.of("objectHeights", " person=1.75 , dining table=0.75")));
        assertEquals(1.75, options.heightM(CocoClasses.indexOf("person")), 0);
        assertEquals(0.75, options.heightM(CocoClasses.indexOf("dining table")), 0);
        assertEquals(0.10, options.heightM(CocoClasses.indexOf("cup")), 0);
        assertTrue(Double.isNaN(options.heightM(CocoClasses.indexOf("fork"))));
    }

    @Test
    public void theTableCoversTheEightyCocoClassesInModelOrder() {
        assertEquals(80, CocoClasses.COUNT);
        assertEquals("person", CocoClasses.label(0));
        assertEquals("cup", CocoClasses.label(41));
        assertEquals("toothbrush", CocoClasses.label(79));
        assertEquals(41, CocoClasses.indexOf("cup"));
        assertEquals(-1, CocoClasses.indexOf("robot"));
    }
}
