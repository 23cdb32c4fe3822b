package org.cogos.reasoning.internal.kg;

/** Validation shared by everything that names a node or a relation of the knowledge graph. */
final class Terms {

    /** Long enough for any symbol the reasoner makes, short enough that one bad caller cannot bloat the graph. */
    static final int MAX_LENGTH = 256;

    private Terms() {
    }

    /**
     * @return {@code value}, checked to be non-blank, at most {@link #MAX_LENGTH} chars and free of control
     *         characters (which would break log lines and the line-based snapshot)
     * @throws IllegalArgumentException naming {@code what} and the bad value
     */
    static String require(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank: '" + value + "'");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is " + value.length() + " chars, more than " + MAX_LENGTH
                    + ": '" + value.substring(0, 40) + "...'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " contains control character U+"
                        + String.format("%04X", (int) value.charAt(i)) + " at index " + i + ": '"
                        + value.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value} is a finite number in [0, 1] */
    static double requireUnitInterval(String what, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], was " + value);
        }
        return value;
    }
}
