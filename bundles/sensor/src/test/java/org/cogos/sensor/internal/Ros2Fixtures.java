package org.cogos.sensor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Payloads as the ROS 2 ↔ MQTT bridge writes them in JSON mode (docs/ros2.md), kept byte for byte. */
final class Ros2Fixtures {

    private Ros2Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Ros2Fixtures.class.getResourceAsStream("ros2/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture ros2/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
