package org.cogos.reasoning.internal.plan;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one resource of a robot, written {@code kind:name}, e.g. {@code actuator:base}, {@code compute:units},
 * {@code memory:bytes}.
 *
 * @param kind what the resource is
 * @param name its name within the kind: lower case letters, digits, '_' and '-'
 */
public record ResourceId(ResourceKind kind, String name) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** The compute units of a robot. */
    public static final ResourceId COMPUTE = new ResourceId(ResourceKind.COMPUTE, "units");
    /** The memory bytes of a robot. */
    public static final ResourceId MEMORY = new ResourceId(ResourceKind.MEMORY, "bytes");

    /** @throws IllegalArgumentException when the name is malformed */
    public ResourceId {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("resource name must match " + NAME.pattern() + ": '" + name + "'");
        }
    }

    /** @return the id of the actuator {@code name}, e.g. {@code actuator("base")} is {@code actuator:base} */
    public static ResourceId actuator(String name) {
        return new ResourceId(ResourceKind.ACTUATOR, name);
    }

    /**
     * Parses {@code kind:name} as written by {@link #toString()}.
     *
     * @throws IllegalArgumentException naming the text when it is not {@code kind:name} with a known kind
     */
    public static ResourceId parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("resource id must be kind:name: '" + text + "'");
        }
        String prefix = text.substring(0, colon);
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.prefix().equals(prefix)) {
                return new ResourceId(kind, text.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("unknown resource kind '" + prefix + "' in '" + text + "'");
    }

    @Override
    public String toString() {
        return kind.prefix() + ':' + name;
    }
}
