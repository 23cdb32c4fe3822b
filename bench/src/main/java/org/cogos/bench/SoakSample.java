package org.cogos.bench;

import java.util.Locale;

/**
 * One sample of the soak.
 *
 * @param second    when it was taken, seconds after the robots started streaming
 * @param heapBytes the cogos JVM's heap after its last collection
 * @param rssBytes  the cogos JVM's resident memory
 * @param actions   actions the robots received so far
 * @param errors    refused percepts reported on the robots' error topics so far
 */
record SoakSample(int second, long heapBytes, long rssBytes, long actions, long errors) {

    static final String CSV_HEADER = "second,minute,heap_mb,rss_mb,actions,errors";

    double minute() {
        return second / 60.0;
    }

    double heapMb() {
        return heapBytes / 1e6;
    }

    double rssMb() {
        return rssBytes / 1e6;
    }

    String csvRow() {
        return String.format(Locale.ROOT, "%d,%.3f,%.1f,%.1f,%d,%d", second, minute(), heapMb(), rssMb(), actions,
                errors);
    }
}
