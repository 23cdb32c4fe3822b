package org.cogos.api.admin;

/**
 * One line of the module event log ({@code cog:dmesg}).
 *
 * @param timestampMillis wall clock
 * @param module          module concerned, or {@code cogos} for the runtime itself
 * @param level           how much it matters
 * @param message         what happened
 */
public record ModuleEvent(long timestampMillis, String module, EventLevel level, String message) {
}
