package org.cogos.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How quantities read in the shell: rates, latencies, sizes, instants and elapsed times, short and with their unit,
 * and free text fitted to one line or cell. Locale.ROOT keeps the decimal point a point whatever the JVM's locale,
 * so output can be parsed by scripts.
 */
final class Units {

    /** Shown where a figure is unknown (the api reports -1). */
    static final String UNKNOWN = "-";

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

    private Units() {
    }

    /** Percepts per second: one decimal while small, whole numbers once the decimal stops mattering. */
    static String rate(double perSecond) {
        if (!(perSecond > 0)) {
            return "0";
        }
        return perSecond < 100 ? format("%.1f", perSecond) : format("%.0f", perSecond);
    }

    /** A latency given in microseconds, in µs below a millisecond, then ms, then s; {@code -} when unknown. */
    static String latency(long micros) {
        if (micros < 0) {
            return UNKNOWN;
        }
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 10_000) {
            return format("%.2f ms", micros / 1e3);
        }
        if (micros < 1_000_000) {
            return format("%.1f ms", micros / 1e3);
        }
        return format("%.2f s", micros / 1e6);
    }

    /** A size in bytes with binary prefixes; {@code -} when unknown. */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return UNKNOWN;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] prefixes = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int prefix = 0;
        while (value >= 1024 && prefix < prefixes.length - 1) {
            value /= 1024;
            prefix++;
        }
        return format("%.1f %s", value, prefixes[prefix]);
    }

    /**
     * An elapsed time at the precision a person wants for it: tenths of a second while recent, then the two largest
     * units ("5 min 3 s", "2 h 5 min", "3 d 4 h"). Negative spans (clocks that disagree) read as zero.
     */
    static String elapsed(long millis) {
        long ms = Math.max(0, millis);
        if (ms < 10_000) {
            return format("%.1f s", ms / 1e3);
        }
        long seconds = ms / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min " + seconds % 60 + " s";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + minutes % 60 + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }

    /** How long before {@code nowMillis} a wall-clock instant was; {@code never} for the api's 0. */
    static String ago(long thenMillis, long nowMillis) {
        return thenMillis <= 0 ? "never" : elapsed(nowMillis - thenMillis) + " ago";
    }

    /** A wall-clock instant in ISO 8601 with milliseconds and the zone's offset, {@code 2026-11-24T19:03:25.159Z}. */
    static String iso(long millis, ZoneId zone) {
        return ISO.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    /** Text that may span lines (a module's message, a rule) on one line: each break and its blanks become a space. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Text cut to at most {@code max} characters, the last one an ellipsis when cut, so a cell cannot widen a table. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** lsmod's "Used by": the count, then the names ({@code 2 coordinator,rules}); {@code 0} when unused. */
    static String usedBy(List<String> users) {
        return users.isEmpty() ? "0" : users.size() + " " + String.join(",", users);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
