package org.cogos.api;

import java.util.regex.Pattern;

/** Validation of the names that appear in MQTT topics: robot ids, modalities, module names. */
public final class Names {

    /** Safe in a topic level and a shell argument: no '/', '+', '#', whitespace or control characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @throws IllegalArgumentException naming the field when {@code value} is not a valid name */
    public static String requireName(String field, String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(field + " must match " + NAME.pattern() + ": '" + value + "'");
        }
        return value;
    }
}
