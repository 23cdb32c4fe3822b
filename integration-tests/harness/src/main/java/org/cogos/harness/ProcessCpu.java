package org.cogos.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used so far (user + system), from /proc: what a benchmark step cost each process. */
public final class ProcessCpu {

    /** Linux's USER_HZ: /proc/PID/stat counts in clock ticks of 10 ms. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** @return CPU nanoseconds used by {@code pid} so far; a process that is gone is an error, not a zero */
    public static long nanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }
}
