package org.cogos.it;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** LaserScan JSON (docs/lidar-scan.md) with one person-sized object, for streaming tests. */
final class LidarScans {

    private LidarScans() {
    }

    /** 181 beams over ±90°; a 0.45 m wide object at {@code distance} straight ahead, nothing else. */
    static byte[] personAhead(long seq, double distance) {
        int beams = 181;
        double increment = Math.PI / (beams - 1);
        double halfAngle = Math.atan(0.225 / distance);
        StringBuilder json = new StringBuilder(2048);
        json.append(String.format(Locale.ROOT, "{\"seq\":%d,\"stamp\":%d,\"frame\":\"laser\",\"angle_min\":%.6f,"
                + "\"angle_max\":%.6f,\"angle_increment\":%.8f,\"range_min\":0.05,\"range_max\":10.0,\"ranges\":[",
                seq, System.currentTimeMillis(), -Math.PI / 2, Math.PI / 2, increment));
        for (int i = 0; i < beams; i++) {
            double angle = -Math.PI / 2 + i * increment;
            json.append(i == 0 ? "" : ",");
            json.append(Math.abs(angle) <= halfAngle ? String.format(Locale.ROOT, "%.3f", distance) : "null");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
