package org.cogos.api.admin;

/**
 * One line of the module event log ({@code cog:dmesg}).
 *
 * @param timestampMillis wall clock
 * @param module          module concerned, or {@code cogos} for the runtime itself
 * @param level           {@code info}, {@code warn} or {@code error}
 * @param message         what happened
 */
public record ModuleEvent(long timestampMillis, String module, String level, String message) {
}
