package org.cogos.robotsim;

/** Where a simulated robot's LIDAR scans come from: a scripted encounter, or the world it moves in. */
public interface ScanSource {

    /**
     * @param seq         the robot's scan counter (the payload's {@code seq})
     * @param frame       how many scans of this stream came before
     * @param stampMillis when the scan was taken
     * @return the scan as UTF-8 JSON in the format of docs/lidar-scan.md
     */
    byte[] scan(long seq, long frame, long stampMillis);
}
