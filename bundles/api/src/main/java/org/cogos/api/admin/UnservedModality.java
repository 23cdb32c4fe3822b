package org.cogos.api.admin;

/**
 * A modality percepts arrive for that no module has served since the runtime started.
 *
 * @param modality the modality, e.g. {@code thermal}
 * @param held     its percepts waiting, within the grace time, for a module to register
 * @param refused  its percepts refused with {@code no_module} since it was first seen
 */
public record UnservedModality(String modality, long held, long refused) {
}
