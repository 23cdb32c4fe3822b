package org.cogos.robotsim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulated LIDAR: 181 rays over ±90°, 1° apart, 0.05–10 m, written as docs/lidar-scan.md describes. */
final class LaserScanJson {

    static final int RAYS = 181;
    static final double ANGLE_MIN = -Math.PI / 2;
    static final double ANGLE_MAX = Math.PI / 2;
    static final double ANGLE_INCREMENT = (ANGLE_MAX - ANGLE_MIN) / (RAYS - 1);
    static final double RANGE_MIN = 0.05;
    static final double RANGE_MAX = 10.0;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LaserScanJson() {
    }

    /** The body-frame angle of ray {@code i}. */
    static double angle(int i) {
        return ANGLE_MIN + i * ANGLE_INCREMENT;
    }

    static boolean inRange(double range) {
        return Double.isFinite(range) && range >= RANGE_MIN && range <= RANGE_MAX;
    }

    /** @param ranges metres, NaN = no return ({@code null}); rounded to the millimetre */
    static byte[] write(long seq, long stampMillis, double[] ranges) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
                JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("seq", seq);
            json.writeNumberField("stamp", stampMillis);
            json.writeStringField("frame", "laser");
            json.writeNumberField("angle_min", ANGLE_MIN);
            json.writeNumberField("angle_max", ANGLE_MAX);
            json.writeNumberField("angle_increment", ANGLE_INCREMENT);
            json.writeNumberField("range_min", RANGE_MIN);
            json.writeNumberField("range_max", RANGE_MAX);
            json.writeArrayFieldStart("ranges");
            for (double range : ranges) {
                if (Double.isNaN(range)) {
                    json.writeNull();
                } else {
                    json.writeNumber(Math.round(range * 1000) / 1000.0);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
