package org.cogos.api;

/** A percept a module refuses, with a short machine-readable code for counting and the error topic. */
public class PerceptException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The payload is not valid for its format (bad JSON, missing or wrongly typed field). */
    public static final String MALFORMED = "malformed";
    /** A value is outside what the format or the module's parameters allow (NaN, too many points, ...). */
    public static final String OUT_OF_RANGE = "out_of_range";

    private final String code;

    public PerceptException(String code, String message) {
        super(message);
        this.code = code;
    }

    public PerceptException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
