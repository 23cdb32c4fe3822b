package org.cogos.reasoning.internal.logic;

/** The types of values in the rule language: fact fields, literals and expressions. */
public enum FieldType {
    TEXT, NUMBER, BOOL;

    String display() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
