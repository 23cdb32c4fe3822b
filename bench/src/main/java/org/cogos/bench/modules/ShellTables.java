package org.cogos.bench.modules;

import java.util.Optional;

/** Reads the tab-separated rows of {@code cog:lsmod --no-format} and {@code cog:models --no-format}. */
final class ShellTables {

    /** cog:lsmod columns: Module, State, Memory, Used by, Percepts/s, p99, Processed, Errors, Superseded, Bundle id. */
    static final int LSMOD_COLUMNS = 10;
    static final int LSMOD_STATE = 1;
    static final int LSMOD_P99 = 5;
    static final int LSMOD_PROCESSED = 6;
    static final int LSMOD_ERRORS = 7;
    static final int LSMOD_SUPERSEDED = 8;
    /** cog:models columns: Name, Inputs, Outputs, Calls, Errors, Mean, p99, Loaded, File. */
    static final int MODELS_CALLS = 3;
    static final int MODELS_ERRORS = 4;
    static final int MODELS_MEAN = 5;
    static final int MODELS_P99 = 6;

    private ShellTables() {
    }

    /** The cells of the row whose first cell is {@code name}, trimmed. */
    static Optional<String[]> row(String output, String name, int minColumns) {
        return output.lines().map(l -> l.split("\t")).filter(c -> c.length >= minColumns && c[0].trim().equals(name))
                .map(c -> {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = c[i].trim();
                    }
                    return c;
                }).findFirst();
    }

    /**
     * A latency as the shell prints it ({@code 812 µs}, {@code 1.23 ms}, {@code 95.1 ms}, {@code 1.23 s}, {@code -})
     * in milliseconds; NaN for {@code -}. The micro sign may reach us in another encoding, so any other unit
     * ending in {@code s} is read as microseconds.
     */
    static double latencyMs(String cell) {
        if (cell.equals("-")) {
            return Double.NaN;
        }
        String[] parts = cell.split("\\s+");
        if (parts.length != 2 || !parts[1].endsWith("s")) {
            throw new IllegalArgumentException("not a latency: '" + cell + "'");
        }
        double value = Double.parseDouble(parts[0]);
        return switch (parts[1]) {
            case "ms" -> value;
            case "s" -> value * 1e3;
            default -> value / 1e3;
        };
    }
}
