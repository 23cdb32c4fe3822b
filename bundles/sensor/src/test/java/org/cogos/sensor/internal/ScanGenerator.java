package org.cogos.sensor.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic laser scans: ray-casts circles (people, posts) and segments (walls) from the sensor at the origin
 * and writes the scan JSON of docs/lidar-scan.md. Fields can be replaced or removed to build bad payloads. With
 * {@link #noiseSigmaM} set, ranges get seeded Gaussian noise and are rounded to the millimetre, as the robot
 * simulator's are.
 */
final class ScanGenerator {

    /** A JSON token written verbatim, e.g. {@code NaN}. */
    record Raw(String token) {
    }

    private record Circle(double cx, double cy, double radius) {
    }

    private record Segment(double x1, double y1, double x2, double y2) {
    }

    private final List<Circle> circles = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    long seq = 812;
    double angleMin = -Math.PI;
    double angleIncrement = 2 * Math.PI / 360;
    int count = 360;
    double rangeMin = 0.05;
    double rangeMax = 20;
    double noiseSigmaM;
    long noiseSeed = 1;

    /** A 360-ray full turn from -π, one ray per degree. */
    static ScanGenerator fullTurn() {
        return new ScanGenerator();
    }

    /** A circle whose nearest surface point is {@code distance} away at {@code bearing}. */
    ScanGenerator circle(double distance, double bearing, double radius) {
        double centre = distance + radius;
        circles.add(new Circle(centre * Math.cos(bearing), centre * Math.sin(bearing), radius));
        return this;
    }

    ScanGenerator segment(double x1, double y1, double x2, double y2) {
        segments.add(new Segment(x1, y1, x2, y2));
        return this;
    }

    /** A 181-ray scan over ±90°, 0.05–10 m: the robot simulator's LIDAR (integration-tests/robot-sim). */
    static ScanGenerator simulatorLidar() {
        ScanGenerator scan = new ScanGenerator();
        scan.angleMin = -Math.PI / 2;
        scan.angleIncrement = Math.PI / 180;
        scan.count = 181;
        scan.rangeMax = 10;
        return scan;
    }

    /** Nearest hit along each ray; NaN where nothing is hit. */
    double[] ranges() {
        Random noise = new Random(noiseSeed);
        double[] ranges = new double[count];
        for (int i = 0; i < count; i++) {
            double angle = angleMin + i * angleIncrement;
            double dx = Math.cos(angle);
            double dy = Math.sin(angle);
            double best = Double.POSITIVE_INFINITY;
            for (Circle c : circles) {
                // |t·d − c|² = r², the smaller positive root
                double b = dx * c.cx + dy * c.cy;
                double disc = b * b - (c.cx * c.cx + c.cy * c.cy - c.radius * c.radius);
                if (disc >= 0) {
                    double t = b - Math.sqrt(disc);
                    if (t > 0) {
                        best = Math.min(best, t);
                    }
                }
            }
            for (Segment s : segments) {
                double ex = s.x2 - s.x1;
                double ey = s.y2 - s.y1;
                double denom = dx * ey - dy * ex;
                if (Math.abs(denom) > 1e-12) {
                    double t = (s.x1 * ey - s.y1 * ex) / denom;
                    double u = (s.x1 * dy - s.y1 * dx) / denom;
                    if (t > 0 && u >= 0 && u <= 1) {
                        best = Math.min(best, t);
                    }
                }
            }
            if (best < Double.POSITIVE_INFINITY && noiseSigmaM > 0) {
                best = Math.round((best + noise.nextGaussian() * noiseSigmaM) * 1000) / 1000.0;
            }
            ranges[i] = best == Double.POSITIVE_INFINITY ? Double.NaN : best;
        }
        return ranges;
    }

    /** The scan's fields in document order; edit the map to make a bad payload. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("stamp", 1_700_000_000_000L);
        fields.put("frame", "laser");
        fields.put("angle_min", angleMin);
        fields.put("angle_max", angleMin + (count - 1) * angleIncrement);
        fields.put("angle_increment", angleIncrement);
        fields.put("range_min", rangeMin);
        fields.put("range_max", rangeMax);
        fields.put("ranges", ranges());
        return fields;
    }

    byte[] payload() {
        return toJson(fields()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] payload(Map<String, Object> fields) {
        return toJson(fields).getBytes(StandardCharsets.UTF_8);
    }

    static String toJson(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(key).append("\":");
            append(json, value);
        });
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, Object value) {
        if (value instanceof double[] array) {
            json.append('[');
            for (int i = 0; i < array.length; i++) {
                json.append(i == 0 ? "" : ",").append(Double.isNaN(array[i]) ? "null" : Double.toString(array[i]));
            }
            json.append(']');
        } else if (value instanceof String text) {
            json.append('"').append(text).append('"');
        } else if (value instanceof Raw raw) {
            json.append(raw.token());
        } else {
            json.append(value); // numbers, booleans, null
        }
    }
}
