package org.cogos.reasoning.internal.logic;

import java.util.List;

/** The rule language's syntax tree, as parsed and before type checking. {@code column} is 1-based, for errors. */
sealed interface Expr {

    int column();

    record Literal(Object value, FieldType type, int column) implements Expr {
    }

    /** {@code e.distance}: a field of a parameter. */
    record FieldRef(String variable, String field, int column) implements Expr {
    }

    /** {@code person_in_reach(e)} or a built-in such as {@code similar(i, e)}: arguments are parameters. */
    record Call(String function, List<String> arguments, int column) implements Expr {

        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code not x}, {@code -x}. */
    record Unary(String operator, Expr operand, int column) implements Expr {
    }

    /** {@code and or == != < <= > >= + - *}. */
    record Binary(String operator, Expr left, Expr right, int column) implements Expr {
    }
}
