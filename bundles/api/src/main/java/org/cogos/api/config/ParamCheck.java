package org.cogos.api.config;

/**
 * A module parameter checked against the bounds of its Metatype {@code @AttributeDefinition}.
 *
 * <p>Config Admin does not enforce Metatype bounds, so every module checks its configuration when it activates
 * (its {@code *Options}), with the bounds as constants that its {@code @AttributeDefinition(min, max)} uses too:
 * one source per bound. The runtime's {@code cog:param} checks a new value against the same bounds, read from the
 * module's Metatype, and words a refusal with {@link #outOfRange}, so a hand-edited {@code .cfg} and
 * {@code cog:param} say the same thing.
 */
public final class ParamCheck {

    private ParamCheck() {
    }

    /**
     * The one message for a parameter outside its bounds, e.g.
     * {@code org.cogos.sensor.maxPoints = 0 is outside [1, 100000]}.
     *
     * @param value the value as its type prints it (an Integer {@code 0}, a Double {@code 0.0})
     */
    public static String outOfRange(String pid, String key, Object value, String min, String max) {
        return pid + "." + key + " = " + value + " is outside [" + min + ", " + max + "]";
    }

    /** @return the value, when within [min, max]; the bounds are the Metatype's strings */
    public static int within(String pid, String key, int value, String min, String max) {
        if (value < Integer.parseInt(min) || value > Integer.parseInt(max)) {
            throw new IllegalArgumentException(outOfRange(pid, key, value, min, max));
        }
        return value;
    }

    /** @return the value, when within [min, max]; the bounds are the Metatype's strings */
    public static long within(String pid, String key, long value, String min, String max) {
        if (value < Long.parseLong(min) || value > Long.parseLong(max)) {
            throw new IllegalArgumentException(outOfRange(pid, key, value, min, max));
        }
        return value;
    }

    /** @return the value, when it is text (not blank) of at most maxLength characters */
    public static String text(String pid, String key, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(
                    pid + "." + key + " = '" + value + "' is not text of 1 to " + maxLength + " characters");
        }
        return value;
    }

    /** @return the value, when within [min, max] (NaN never is); the bounds are the Metatype's strings */
    public static double within(String pid, String key, double value, String min, String max) {
        if (!(value >= Double.parseDouble(min) && value <= Double.parseDouble(max))) {
            throw new IllegalArgumentException(outOfRange(pid, key, value, min, max));
        }
        return value;
    }
}
