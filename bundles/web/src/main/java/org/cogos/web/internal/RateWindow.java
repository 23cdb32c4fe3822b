package org.cogos.web.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cogos.api.admin.RobotStatus;

/**
 * Percepts per second per robot and modality, from the registry's counters sampled at each push: the difference
 * to the oldest sample within the window over the time between them. A window of a few seconds, not one push
 * interval, so a 1 Hz modality does not read 0, 2, 0, 2.
 */
final class RateWindow {

    private record Sample(long atMillis, Map<String, Map<String, Long>> counts) {
    }

    private final long windowMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    RateWindow(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** Adds a sample; @return the rates by robot and modality, empty until there is an earlier sample */
    Map<String, Map<String, Double>> update(long nowMillis, List<RobotStatus> robots) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (RobotStatus robot : robots) {
            counts.put(robot.robotId(), robot.perceptsByModality());
        }
        while (samples.size() > 1 && nowMillis - samples.peekFirst().atMillis() > windowMillis) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        samples.addLast(new Sample(nowMillis, counts));
        Map<String, Map<String, Double>> rates = new HashMap<>();
        if (oldest == null || nowMillis <= oldest.atMillis()) {
            return rates;
        }
        double seconds = (nowMillis - oldest.atMillis()) / 1000.0;
        counts.forEach((robot, byModality) -> {
            Map<String, Long> before = oldest.counts().getOrDefault(robot, Map.of());
            Map<String, Double> robotRates = new HashMap<>();
            byModality.forEach((modality, count) ->
                    robotRates.put(modality, Math.max(0, count - before.getOrDefault(modality, 0L)) / seconds));
            rates.put(robot, robotRates);
        });
        return rates;
    }
}
