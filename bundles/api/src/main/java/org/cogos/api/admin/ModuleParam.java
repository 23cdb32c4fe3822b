package org.cogos.api.admin;

/**
 * One tunable of a module, from its Metatype description (the analogue of a {@code module_param}).
 *
 * @param key          property key
 * @param type         Metatype type name, e.g. {@code Double}
 * @param defaultValue default, or empty
 * @param description  what it does
 * @param value        the value in force now (from Config Admin), or the default when none is set
 */
public record ModuleParam(String key, String type, String defaultValue, String description, String value) {
}
