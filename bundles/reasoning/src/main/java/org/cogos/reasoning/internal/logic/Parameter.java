package org.cogos.reasoning.internal.logic;

/** A predicate's parameter: {@code e: Entity}. */
public record Parameter(String name, FactKind kind) {

    @Override
    public String toString() {
        return name + ": " + kind.typeName();
    }
}
