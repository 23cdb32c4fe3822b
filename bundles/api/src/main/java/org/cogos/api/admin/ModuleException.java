package org.cogos.api.admin;

/** A module operation that was refused or failed; the message is one line meant for an operator. */
public class ModuleException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
