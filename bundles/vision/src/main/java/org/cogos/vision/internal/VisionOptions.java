package org.cogos.vision.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vision module's parameters, checked against the bounds declared in {@link VisionConfig}. Config Admin does
 * not enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.vision.cfg} is checked here.
 *
 * @param objectHeights the overrides of {@link CocoClasses#typicalHeightM}, by label, in metres
 */
record VisionOptions(double minConfidence, int maxDetections, double nmsIou, double horizontalFovDeg,
        double verticalFovDeg, double focalLengthXPx, double focalLengthYPx, double principalPointXPx,
        double cameraYawDeg, long maxImagePixels, Map<String, Double> objectHeights) {

    VisionOptions {
        requireWithin("minConfidence", minConfidence, 0, 1);
        requireWithin("maxDetections", maxDetections, 1, 100);
        requireWithin("nmsIou", nmsIou, 0, 1);
        requireWithin("horizontalFovDeg", horizontalFovDeg, 1, 179);
        // 0 is "square pixels"; a field of view under 1 degree is no camera's.
        if (verticalFovDeg != 0) {
            requireWithin("verticalFovDeg", verticalFovDeg, 1, 179);
        }
        requireWithin("focalLengthXPx", focalLengthXPx, 0, 100_000);
        requireWithin("focalLengthYPx", focalLengthYPx, 0, 100_000);
        requireWithin("principalPointXPx", principalPointXPx, -1, 100_000);
        requireWithin("cameraYawDeg", cameraYawDeg, -180, 180);
        requireWithin("maxImagePixels", maxImagePixels, 1, 100_000_000);
        objectHeights = Map.copyOf(objectHeights);
    }

    static VisionOptions from(VisionConfig config) {
        return new VisionOptions(config.minConfidence(), config.maxDetections(), config.nmsIou(),
                config.horizontalFovDeg(), config.verticalFovDeg(), config.focalLengthXPx(),
                config.focalLengthYPx(), config.principalPointXPx(), config.cameraYawDeg(),
                config.maxImagePixels(), parseHeights(config.objectHeights()));
    }

    /** {@code person=1.75, cup=0.12}: every label a COCO class, every height in (0, 100] metres. */
    static Map<String, Double> parseHeights(String text) {
        Map<String, Double> heights = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return heights;
        }
        for (String pair : text.split(",")) {
            String[] labelHeight = pair.split("=", -1);
            if (labelHeight.length != 2) {
                throw invalid("objectHeights: '" + pair.trim() + "' is not label=metres");
            }
            String label = labelHeight[0].trim();
            if (CocoClasses.indexOf(label) < 0) {
                throw invalid("objectHeights: '" + label + "' is not a COCO class label");
            }
            double metres;
            try {
                metres = Double.parseDouble(labelHeight[1].trim());
            } catch (NumberFormatException e) {
                throw invalid("objectHeights: the height of " + label + " is not a number: '"
                        + labelHeight[1].trim() + "'");
            }
            if (!(metres > 0 && metres <= 100)) {
                throw invalid("objectHeights: the height of " + label + " must be within (0, 100] m, got " + metres);
            }
            if (heights.put(label, metres) != null) {
                throw invalid("objectHeights: " + label + " is given twice");
            }
        }
        return heights;
    }

    /** The real height to assume for a class: an override, else the built-in table (NaN when unknown). */
    double heightM(int classId) {
        return objectHeights.getOrDefault(CocoClasses.label(classId), CocoClasses.typicalHeightM(classId));
    }

    private static void requireWithin(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }

    private static void requireWithin(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw invalid(key + " must be within [" + format(min) + ", " + format(max) + "], got " + value);
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("org.cogos.vision: " + message);
    }
}
