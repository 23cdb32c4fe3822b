package org.cogos.flow;

/** Flow or pattern text that cannot be read; the message names the bad token and its position. */
final class FlowSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    /** A syntax error at character {@code position} (0-based) of the text. */
    public FlowSyntaxException(String message, int position) {
        super(message + " (at position " + position + ")");
        this.position = position;
    }

    /** The 0-based character position of the error in the text. */
    public int position() {
        return position;
    }
}
