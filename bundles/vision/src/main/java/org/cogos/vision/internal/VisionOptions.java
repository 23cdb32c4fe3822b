package org.cogos.vision.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.vision.internal.VisionConfig.*;

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
        within(PID, "minConfidence", minConfidence, MIN_CONFIDENCE_MIN, MIN_CONFIDENCE_MAX);
        within(PID, "maxDetections", maxDetections, MAX_DETECTIONS_MIN, MAX_DETECTIONS_MAX);
        within(PID, "nmsIou", nmsIou, NMS_IOU_MIN, NMS_IOU_MAX);
        within(PID, "horizontalFovDeg", horizontalFovDeg, HORIZONTAL_FOV_DEG_MIN, HORIZONTAL_FOV_DEG_MAX);
        within(PID, "verticalFovDeg", verticalFovDeg, VERTICAL_FOV_DEG_MIN, VERTICAL_FOV_DEG_MAX);
        // Beyond what Metatype can say: 0 is "square pixels", and a field of view under 1 degree is no camera's.
        if (verticalFovDeg > 0 && verticalFovDeg < 1) {
            throw new IllegalArgumentException(
                    PID + ".verticalFovDeg = " + verticalFovDeg + " is neither 0 (square pixels) nor at least 1");
        }
        within(PID, "focalLengthXPx", focalLengthXPx, FOCAL_LENGTH_XPX_MIN, FOCAL_LENGTH_XPX_MAX);
        within(PID, "focalLengthYPx", focalLengthYPx, FOCAL_LENGTH_YPX_MIN, FOCAL_LENGTH_YPX_MAX);
        within(PID, "principalPointXPx", principalPointXPx, PRINCIPAL_POINT_XPX_MIN, PRINCIPAL_POINT_XPX_MAX);
        within(PID, "cameraYawDeg", cameraYawDeg, CAMERA_YAW_DEG_MIN, CAMERA_YAW_DEG_MAX);
        within(PID, "maxImagePixels", maxImagePixels, MAX_IMAGE_PIXELS_MIN, MAX_IMAGE_PIXELS_MAX);
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

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("org.cogos.vision: " + message);
    }
}
