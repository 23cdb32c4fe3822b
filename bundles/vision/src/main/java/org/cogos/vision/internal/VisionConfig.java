package org.cogos.vision.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the vision module (PID {@value #PID}); the bounds are enforced by {@link VisionOptions}. */
@ObjectClassDefinition(id = VisionConfig.PID, name = "cogos vision",
        description = "Detects COCO objects in JPEG/PNG camera frames and places them by bearing and distance.")
public @interface VisionConfig {

    String PID = "org.cogos.vision";

    // Bounds are constants so that the module's Options check the very numbers Metatype shows (the
    // annotation is not visible at run time); cog:param reads them from the Metatype.
    String MIN_CONFIDENCE_MIN = "0";
    String MIN_CONFIDENCE_MAX = "1";
    String MAX_DETECTIONS_MIN = "1";
    String MAX_DETECTIONS_MAX = "100";
    String NMS_IOU_MIN = "0";
    String NMS_IOU_MAX = "1";
    String HORIZONTAL_FOV_DEG_MIN = "1";
    String HORIZONTAL_FOV_DEG_MAX = "179";
    String VERTICAL_FOV_DEG_MIN = "0";
    String VERTICAL_FOV_DEG_MAX = "179";
    String FOCAL_LENGTH_XPX_MIN = "0";
    String FOCAL_LENGTH_XPX_MAX = "100000";
    String FOCAL_LENGTH_YPX_MIN = "0";
    String FOCAL_LENGTH_YPX_MAX = "100000";
    String PRINCIPAL_POINT_XPX_MIN = "-1";
    String PRINCIPAL_POINT_XPX_MAX = "100000";
    String CAMERA_YAW_DEG_MIN = "-180";
    String CAMERA_YAW_DEG_MAX = "180";
    String MAX_IMAGE_PIXELS_MIN = "1";
    String MAX_IMAGE_PIXELS_MAX = "100000000";

    @AttributeDefinition(name = "Minimum confidence", min = MIN_CONFIDENCE_MIN, max = MIN_CONFIDENCE_MAX,
            description = "Detections whose heat-map score is lower are dropped.")
    double minConfidence() default 0.3;

    @AttributeDefinition(name = "Maximum detections", min = MAX_DETECTIONS_MIN, max = MAX_DETECTIONS_MAX,
            description = "Most detections reported per frame, the most confident first.")
    int maxDetections() default 20;

    @AttributeDefinition(name = "NMS IoU", min = NMS_IOU_MIN, max = NMS_IOU_MAX,
            description = "A detection overlapping a more confident one of the same class by more than this "
                    + "intersection-over-union is dropped.")
    double nmsIou() default 0.4;

    @AttributeDefinition(name = "Horizontal field of view (deg)",
            min = HORIZONTAL_FOV_DEG_MIN, max = HORIZONTAL_FOV_DEG_MAX,
            description = "The camera's horizontal field of view; gives the focal length unless focalLengthXPx "
                    + "is set.")
    double horizontalFovDeg() default 60;

    @AttributeDefinition(name = "Vertical field of view (deg)", min = VERTICAL_FOV_DEG_MIN, max = VERTICAL_FOV_DEG_MAX,
            description = "The camera's vertical field of view; 0 means square pixels (vertical focal length = "
                    + "horizontal). Ignored when focalLengthYPx is set.")
    double verticalFovDeg() default 0;

    @AttributeDefinition(name = "Focal length x (px)", min = FOCAL_LENGTH_XPX_MIN, max = FOCAL_LENGTH_XPX_MAX,
            description = "Calibrated horizontal focal length fx in pixels of the frames as sent; 0 means "
                    + "derived from horizontalFovDeg.")
    double focalLengthXPx() default 0;

    @AttributeDefinition(name = "Focal length y (px)", min = FOCAL_LENGTH_YPX_MIN, max = FOCAL_LENGTH_YPX_MAX,
            description = "Calibrated vertical focal length fy in pixels of the frames as sent; 0 means derived "
                    + "from verticalFovDeg, or equal to fx.")
    double focalLengthYPx() default 0;

    @AttributeDefinition(name = "Principal point x (px)", min = PRINCIPAL_POINT_XPX_MIN, max = PRINCIPAL_POINT_XPX_MAX,
            description = "Calibrated principal point cx in pixels of the frames as sent; -1 means the image "
                    + "centre.")
    double principalPointXPx() default -1;

    @AttributeDefinition(name = "Camera yaw (deg)", min = CAMERA_YAW_DEG_MIN, max = CAMERA_YAW_DEG_MAX,
            description = "Direction the camera looks in the robot frame, positive to the left (REP 103); added "
                    + "to every bearing.")
    double cameraYawDeg() default 0;

    @AttributeDefinition(name = "Maximum image pixels", min = MAX_IMAGE_PIXELS_MIN, max = MAX_IMAGE_PIXELS_MAX,
            description = "Frames declaring more pixels (width x height) in their header are refused before "
                    + "decoding.")
    long maxImagePixels() default 10_000_000;

    @AttributeDefinition(name = "Object heights (m)", required = false,
            description = "Overrides of the typical real heights used for distance, as label=metres pairs "
                    + "separated by commas, e.g. person=1.75, cup=0.12; empty keeps the built-in table.")
    String objectHeights() default "";
}
