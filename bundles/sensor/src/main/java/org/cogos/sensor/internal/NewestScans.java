package org.cogos.sensor.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.cogos.api.admin.ScanPoints;

/**
 * Each robot's newest scan, for the dashboard to draw. It holds the parsed scan itself (nothing writes to it after
 * parsing) and copies only when asked, so the hot path pays one map insertion. Bounded least-recently-scanned
 * first: a fleet larger than the bound keeps its active robots, and a dropped robot's next scan brings it back.
 */
final class NewestScans {

    /** Robots kept; at the largest scan (maxPoints) this bounds the memory held to tens of megabytes. */
    static final int ROBOTS = 1024;

    private final Map<String, LaserScan> scans;

    NewestScans(int robots) {
        scans = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LaserScan> eldest) {
                return size() > robots;
            }
        };
    }

    synchronized void put(String robotId, LaserScan scan) {
        scans.put(robotId, scan);
    }

    Optional<ScanPoints> get(String robotId) {
        LaserScan scan;
        synchronized (this) {
            scan = scans.get(robotId);
        }
        if (scan == null) {
            return Optional.empty();
        }
        return Optional.of(new ScanPoints(robotId, scan.seq(), scan.frame(), scan.angleMin(), scan.angleIncrement(),
                scan.rangeMax(), Arrays.stream(scan.ranges()).boxed().toList()));
    }
}
