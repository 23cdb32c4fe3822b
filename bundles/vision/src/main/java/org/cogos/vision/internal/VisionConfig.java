package org.cogos.vision.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the vision module (PID {@value #PID}); the bounds are enforced by {@link VisionOptions}. */
@ObjectClassDefinition(id = VisionConfig.PID, name = "cogos vision",
        description = "Detects COCO objects in JPEG/PNG camera frames and places them by bearing and distance.")
public @interface VisionConfig {

    String PID = "org.cogos.vision";

    @AttributeDefinition(name = "Minimum confidence", min = "0", max = "1",
            description = "Detections whose heat-map score is lower are dropped.")
    double minConfidence() default 0.3;

    @AttributeDefinition(name = "Maximum detections", min = "1", max = "100",
            description = "Most detections reported per frame, the most confident first.")
    int maxDetections() default 20;

    @AttributeDefinition(name = "NMS IoU", min = "0", max = "1",
            description = "A detection overlapping a more confident one of the same class by more than this "
                    + "intersection-over-union is dropped.")
    double nmsIou() default 0.4;

    @AttributeDefinition(name = "Horizontal field of view (deg)", min = "1", max = "179",
            description = "The camera's horizontal field of view; gives the focal length unless focalLengthXPx "
                    + "is set.")
    double horizontalFovDeg() default 60;

    @AttributeDefinition(name = "Vertical field of view (deg)", min = "0", max = "179",
            description = "The camera's vertical field of view; 0 means square pixels (vertical focal length = "
                    + "horizontal). Ignored when focalLengthYPx is set.")
    double verticalFovDeg() default 0;

    @AttributeDefinition(name = "Focal length x (px)", min = "0", max = "100000",
            description = "Calibrated horizontal focal length fx in pixels of the frames as sent; 0 means "
                    + "derived from horizontalFovDeg.")
    double focalLengthXPx() default 0;

    @AttributeDefinition(name = "Focal length y (px)", min = "0", max = "100000",
            description = "Calibrated vertical focal length fy in pixels of the frames as sent; 0 means derived "
                    + "from verticalFovDeg, or equal to fx.")
    double focalLengthYPx() default 0;

    @AttributeDefinition(name = "Principal point x (px)", min = "-1", max = "100000",
            description = "Calibrated principal point cx in pixels of the frames as sent; -1 means the image "
                    + "centre.")
    double principalPointXPx() default -1;

    @AttributeDefinition(name = "Camera yaw (deg)", min = "-180", max = "180",
            description = "Direction the camera looks in the robot frame, positive to the left (REP 103); added "
                    + "to every bearing.")
    double cameraYawDeg() default 0;

    @AttributeDefinition(name = "Maximum image pixels", min = "1", max = "100000000",
            description = "Frames declaring more pixels (width x height) in their header are refused before "
                    + "decoding.")
    long maxImagePixels() default 10_000_000;

    @AttributeDefinition(name = "Object heights (m)", required = false,
            description = "Overrides of the typical real heights used for distance, as label=metres pairs "
                    + "separated by commas, e.g. person=1.75, cup=0.12; empty keeps the built-in table.")
    String objectHeights() default "";
}
