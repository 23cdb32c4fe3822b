package org.cogos.shell.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cogos.api.admin.ModuleEvent;

/**
 * What {@code cog:dmesg} prints: {@code [   12.345] warn  sensor: message}. Linux counts from boot; the event log
 * has no boot, so the clock starts at the first event shown. Events carry milliseconds, so three decimals, not six.
 */
final class DmesgLines {

    private DmesgLines() {
    }

    /** Lines with the time in seconds since the first event given. */
    static List<String> relative(List<ModuleEvent> events) {
        List<String> lines = new ArrayList<>(events.size());
        if (events.isEmpty()) {
            return lines;
        }
        long start = events.get(0).timestampMillis();
        for (ModuleEvent event : events) {
            long offset = Math.max(0, event.timestampMillis() - start);
            String time = String.format(Locale.ROOT, "[%5d.%03d]", offset / 1000, offset % 1000);
            lines.add(line(time, event));
        }
        return lines;
    }

    /** Lines with the wall-clock time in ISO 8601 with the zone's offset. */
    static List<String> iso(List<ModuleEvent> events, ZoneId zone) {
        List<String> lines = new ArrayList<>(events.size());
        for (ModuleEvent event : events) {
            lines.add(line(Units.iso(event.timestampMillis(), zone), event));
        }
        return lines;
    }

    /** Any bundle may log, so a message with line breaks is folded to keep one event per line. */
    private static String line(String time, ModuleEvent event) {
        return String.format(Locale.ROOT, "%s %-5s %s: %s", time, event.level(), event.module(),
                Units.oneLine(event.message()));
    }
}
