package org.cogos.reasoning.internal.plan;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The type of a value flowing from one step to another: a name checked by the validator before a plan runs, and
 * a Java class checked by the executor on every value a step produces. Two types are equal when both name and
 * class are. Define more with {@link #of}, e.g. the decision engine's {@code ValueType.of("action", Action.class)}
 * for leaf steps that produce robot actions.
 *
 * <p>Immutable.
 *
 * @param <T> the Java type of its values
 */
public final class ValueType<T> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /**
     * No value: the step produces {@code null}. An input of this type passes no data; it only makes its step run
     * after the upstream one (e.g. speak once the approach command is out).
     */
    public static final ValueType<Void> NONE = of("none", Void.class);
    /** Something to act on, e.g. the person to approach. */
    public static final ValueType<PlanValues.Target> TARGET = of("target", PlanValues.Target.class);
    /** Text to say. */
    public static final ValueType<String> UTTERANCE = of("utterance", String.class);
    /** A pixel position on a display. */
    public static final ValueType<PlanValues.Point> POINT = of("point", PlanValues.Point.class);

    private final String name;
    private final Class<T> javaType;

    private ValueType(String name, Class<T> javaType) {
        this.name = name;
        this.javaType = javaType;
    }

    /**
     * @param name     lower-case name, e.g. {@code target}
     * @param javaType class of its values
     * @throws IllegalArgumentException naming the name when it is malformed
     */
    public static <T> ValueType<T> of(String name, Class<T> javaType) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("value type name must match " + NAME.pattern() + ": '" + name + "'");
        }
        return new ValueType<>(name, Objects.requireNonNull(javaType, "javaType"));
    }

    /** @return its name */
    public String name() {
        return name;
    }

    /** @return the class of its values */
    public Class<T> javaType() {
        return javaType;
    }

    /** @return whether {@code value} is a value of this type: null for {@link #NONE}, an instance otherwise */
    public boolean accepts(Object value) {
        return javaType == Void.class ? value == null : javaType.isInstance(value);
    }

    /** @return the name and class, to tell apart types that share a name */
    public String describe() {
        return name + "<" + javaType.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueType<?> that && name.equals(that.name) && javaType == that.javaType;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + javaType.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
