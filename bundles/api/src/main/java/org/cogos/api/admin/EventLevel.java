package org.cogos.api.admin;

import java.util.Locale;
import java.util.Optional;

/** How much a module event matters ({@code cog:dmesg}); {@link #toString()} is the word dmesg prints. */
public enum EventLevel {
    INFO,
    WARN,
    ERROR;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the level a word names, in any case, or empty */
    public static Optional<EventLevel> of(String word) {
        for (EventLevel level : values()) {
            if (level.name().equalsIgnoreCase(word.trim())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
