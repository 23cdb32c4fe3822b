package org.cogos.vision.internal;

/**
 * The pinhole camera a frame was taken with, in the frame's own pixels: focal lengths fx, fy, the principal
 * point's column cx, and the camera's yaw on the robot. Calibrated values come from the parameters; otherwise the
 * focal lengths follow from the fields of view and cx is the image centre.
 */
record Camera(double fx, double fy, double cx, double yawRad) {

    static Camera of(VisionOptions options, int width, int height) {
        double fx = options.focalLengthXPx() > 0 ? options.focalLengthXPx()
                : width / 2.0 / Math.tan(Math.toRadians(options.horizontalFovDeg()) / 2);
        double fy;
        if (options.focalLengthYPx() > 0) {
            fy = options.focalLengthYPx();
        } else if (options.verticalFovDeg() > 0) {
            fy = height / 2.0 / Math.tan(Math.toRadians(options.verticalFovDeg()) / 2);
        } else {
            fy = fx;
        }
        double cx = options.principalPointXPx() >= 0 ? options.principalPointXPx() : width / 2.0;
        return new Camera(fx, fy, cx, Math.toRadians(options.cameraYawDeg()));
    }

    /** Angle of column {@code u} off the optical axis, positive to the left (REP 103: x ahead, y left). */
    double offAxisRad(double u) {
        return Math.atan2(cx - u, fx);
    }

    /** Bearing of column {@code u} in the robot frame, in (-pi, pi]. */
    double bearingRad(double u) {
        double bearing = offAxisRad(u) + yawRad;
        return bearing > Math.PI ? bearing - 2 * Math.PI : bearing <= -Math.PI ? bearing + 2 * Math.PI : bearing;
    }

    /** Depth along the optical axis of an upright object {@code realHeightM} tall spanning {@code heightPx} rows. */
    double depthM(double realHeightM, double heightPx) {
        return fy * realHeightM / heightPx;
    }
}
