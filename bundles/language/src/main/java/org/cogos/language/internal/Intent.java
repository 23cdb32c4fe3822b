package org.cogos.language.internal;

import java.util.Map;

/**
 * A robot command recognised in one sentence.
 *
 * @param name       the intent, e.g. {@code move}, {@code pick}; {@code unknown} when no rule applies
 * @param confidence share of the sentence's words the rule explains, halved when a required slot is missing
 * @param slots      what the command is about: verb, object, colour, quantity, unit, direction, location, ...
 */
record Intent(String name, double confidence, Map<String, String> slots) {

    static final String UNKNOWN = "unknown";
}
