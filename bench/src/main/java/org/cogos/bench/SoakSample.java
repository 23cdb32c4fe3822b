package org.cogos.bench;

import java.util.Locale;

/**
 * One sample of the soak.
 *
 * @param second    when it was taken, seconds after the robots started streaming
 * @param heapBytes the cogos JVM's heap after its last collection
 * @param liveBytes the heap right after a full collection the soak asked for (what is live), or -1: taken at
 *                  the ends of the second and the last minute only
 * @param rssBytes  the cogos JVM's resident memory
 * @param actions   actions the robots received so far
 * @param errors    refused percepts reported on the robots' error topics so far
 */
record SoakSample(int second, long heapBytes, long liveBytes, long rssBytes, long actions, long errors) {

    static final String CSV_HEADER = "second,minute,heap_mb,live_mb,rss_mb,actions,errors";

    double minute() {
        return second / 60.0;
    }

    double heapMb() {
        return heapBytes / 1e6;
    }

    /** The live heap in MB, NaN when not measured at this sample. */
    double liveMb() {
        return liveBytes < 0 ? Double.NaN : liveBytes / 1e6;
    }

    /** The live heap in MB with one decimal, or empty when not measured at this sample. */
    String liveMbCell() {
        return liveBytes < 0 ? "" : String.format(Locale.ROOT, "%.1f", liveMb());
    }

    double rssMb() {
        return rssBytes / 1e6;
    }

    String csvRow() {
        return String.format(Locale.ROOT, "%d,%.3f,%.1f,%s,%.1f,%d,%d", second, minute(), heapMb(), liveMbCell(),
                rssMb(), actions, errors);
    }
}
