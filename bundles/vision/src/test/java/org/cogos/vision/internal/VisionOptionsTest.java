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
        assertRejected("minConfidence must be within [0, 1], got 1.5", Map.of("minConfidence", 1.5));
        assertRejected("minConfidence must be within [0, 1], got NaN", Map.of("minConfidence", Double.NaN));
        assertRejected("maxDetections must be within [1, 100], got 0", Map.of("maxDetections", 0));
        assertRejected("nmsIou must be within [0, 1], got -0.1", Map.of("nmsIou", -0.1));
        assertRejected("horizontalFovDeg must be within [1, 179], got 180.0", Map.of("horizontalFovDeg", 180.0));
        assertRejected("verticalFovDeg must be within [1, 179], got 0.5", Map.of("verticalFovDeg", 0.5));
        assertRejected("focalLengthXPx must be within [0, 100000], got -1.0", Map.of("focalLengthXPx", -1.0));
        assertRejected("focalLengthYPx must be within [0, 100000], got Infinity",
                Map.of("focalLengthYPx", Double.POSITIVE_INFINITY));
        assertRejected("principalPointXPx must be within [-1, 100000], got -2.0", Map.of("principalPointXPx", -2.0));
        assertRejected("cameraYawDeg must be within [-180, 180], got 181.0", Map.of("cameraYawDeg", 181.0));
        assertRejected("maxImagePixels must be within [1, 100000000], got 0", Map.of("maxImagePixels", 0L));
        assertRejected("objectHeights: 'robot' is not a COCO class label", Map.of("objectHeights", "robot=1.2"));
        assertRejected("objectHeights: 'person' is not label=metres", Map.of("objectHeights", "person"));
        assertRejected("objectHeights: the height of cup is not a number: 'tall'", Map.of("objectHeights", "cup=tall"));
        assertRejected("objectHeights: the height of cup must be within (0, 100] m, got 0.0",
                Map.of("objectHeights", "cup=0"));
        assertRejected("objectHeights: cup is given twice", Map.of("objectHeights", "cup=0.1,cup=0.2"));
    }

    private static void assertRejected(String message, Map<String, Object> values) {
        try {
            VisionOptions.from(Configs.of(VisionConfig.class, values));
            fail("accepted " + values);
        } catch (IllegalArgumentException e) {
            assertEquals("org.cogos.vision: " + message, e.getMessage());
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
