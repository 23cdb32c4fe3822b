package org.cogos.reasoning.internal.logic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one predicate definition of the rule language (docs/reasoning.md):
 *
 * <pre>
 * definition := name "(" [param {"," param}] ")" ":=" expr
 * param      := name ":" Kind
 * expr       := and {"or" and}
 * and        := not {"and" not}
 * not        := "not" not | compare
 * compare    := sum [("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") sum]
 * sum        := product {("+" | "-") product}
 * product    := unary {"*" unary}
 * unary      := "-" unary | primary
 * primary    := number | string | "true" | "false" | var "." field | name "(" [var {"," var}] ")" | "(" expr ")"
 * </pre>
 *
 * Errors name the column and what was expected. Types are checked afterwards by {@link TypeChecker}.
 */
final class RuleParser {

    /** Rules are typed by operators at a console; a bound keeps a pasted novel from being parsed. */
    static final int MAX_LENGTH = 4096;

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<number>\\d+(?:\\.\\d+)?)|(?<name>[A-Za-z_][A-Za-z0-9_]*)|(?<string>\"[^\"\\\\]*\")"
                    + "|(?<op>:=|==|!=|<=|>=|[<>+\\-*(),:.]))");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "true", "false");

    private record Token(String text, Kind kind, int column) {
    }

    private enum Kind { NUMBER, NAME, STRING, OP, END }

    /** A parsed definition. */
    record Definition(String name, List<Parameter> parameters, Expr body, String text) {
    }

    private final String text;
    private final List<Token> tokens;
    private int position;

    private RuleParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    static Definition parse(String definition) {
        if (definition == null || definition.isBlank()) {
            throw new IllegalArgumentException("empty definition: expected name(param: Kind, ...) := expression");
        }
        if (definition.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("definition is " + definition.length() + " characters, more than "
                    + MAX_LENGTH);
        }
        return new RuleParser(definition.strip()).definition();
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                int bad = firstNonSpace(text, at);
                throw error(bad, "unexpected character '" + text.charAt(bad) + "'");
            }
            int column = firstNonSpace(text, at) + 1;
            if (m.group("number") != null) {
                tokens.add(new Token(m.group("number"), Kind.NUMBER, column));
            } else if (m.group("name") != null) {
                tokens.add(new Token(m.group("name"), Kind.NAME, column));
            } else if (m.group("string") != null) {
                String quoted = m.group("string");
                tokens.add(new Token(quoted.substring(1, quoted.length() - 1), Kind.STRING, column));
            } else {
                tokens.add(new Token(m.group("op"), Kind.OP, column));
            }
            at = m.end();
        }
        tokens.add(new Token("end of definition", Kind.END, text.length() + 1));
        return tokens;
    }

    private static int firstNonSpace(String text, int from) {
        int i = from;
        while (i < text.length() - 1 && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private Definition definition() {
        String name = name("a predicate name");
        expect("(");
        List<Parameter> parameters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!peekIs(")")) {
            do {
                Token at = peek();
                String variable = name("a parameter name");
                if (!seen.add(variable)) {
                    throw error(at.column - 1, "parameter '" + variable + "' is declared twice");
                }
                expect(":");
                Token kindToken = peek();
                String kindName = name("a fact kind (" + FactKind.allNames() + ")");
                FactKind kind = FactKind.named(kindName).orElseThrow(() -> error(kindToken.column - 1,
                        "unknown fact kind '" + kindName + "' (kinds: " + FactKind.allNames() + ")"));
                parameters.add(new Parameter(variable, kind));
            } while (accept(","));
        }
        expect(")");
        expect(":=");
        Expr body = or();
        if (peek().kind != Kind.END) {
            throw error(peek().column - 1, "expected an operator or the end, found '" + peek().text + "'");
        }
        return new Definition(name, parameters, body, text);
    }

    private Expr or() {
        Expr left = and();
        while (peekIs("or")) {
            Token op = next();
            left = new Expr.Binary("or", left, and(), op.column);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peekIs("and")) {
            Token op = next();
            left = new Expr.Binary("and", left, not(), op.column);
        }
        return left;
    }

    private Expr not() {
        if (peekIs("not")) {
            Token op = next();
            return new Expr.Unary("not", not(), op.column);
        }
        return compare();
    }

    private Expr compare() {
        Expr left = sum();
        Token op = peek();
        if (op.kind == Kind.OP && Set.of("==", "!=", "<", "<=", ">", ">=").contains(op.text)) {
            next();
            return new Expr.Binary(op.text, left, sum(), op.column);
        }
        return left;
    }

    private Expr sum() {
        Expr left = product();
        while (peekIs("+") || peekIs("-")) {
            Token op = next();
            left = new Expr.Binary(op.text, left, product(), op.column);
        }
        return left;
    }

    private Expr product() {
        Expr left = unary();
        while (peekIs("*")) {
            Token op = next();
            left = new Expr.Binary("*", left, unary(), op.column);
        }
        return left;
    }

    private Expr unary() {
        if (peekIs("-")) {
            Token op = next();
            return new Expr.Unary("-", unary(), op.column);
        }
        return primary();
    }

    private Expr primary() {
        Token token = next();
        switch (token.kind) {
            case NUMBER:
                return new Expr.Literal(Double.parseDouble(token.text), FieldType.NUMBER, token.column);
            case STRING:
                return new Expr.Literal(token.text, FieldType.TEXT, token.column);
            case NAME:
                if (token.text.equals("true") || token.text.equals("false")) {
                    return new Expr.Literal(Boolean.parseBoolean(token.text), FieldType.BOOL, token.column);
                }
                if (KEYWORDS.contains(token.text)) {
                    break;
                }
                if (accept(".")) {
                    return new Expr.FieldRef(token.text, name("a field name"), token.column);
                }
                if (accept("(")) {
                    List<String> arguments = new ArrayList<>();
                    if (!peekIs(")")) {
                        do {
                            arguments.add(name("a parameter name as argument"));
                        } while (accept(","));
                    }
                    expect(")");
                    return new Expr.Call(token.text, arguments, token.column);
                }
                throw error(token.column - 1, "'" + token.text + "' alone is not a value: write "
                        + token.text + ".field or " + token.text + "(...)");
            case OP:
                if (token.text.equals("(")) {
                    Expr inner = or();
                    expect(")");
                    return inner;
                }
                break;
            default:
                break;
        }
        throw error(token.column - 1, "expected a value, found '" + token.text + "'");
    }

    private String name(String what) {
        Token token = next();
        if (token.kind != Kind.NAME || KEYWORDS.contains(token.text)) {
            throw error(token.column - 1, "expected " + what + ", found '" + token.text + "'");
        }
        return token.text;
    }

    private void expect(String op) {
        Token token = next();
        if (!(token.kind == Kind.OP && token.text.equals(op))) {
            throw error(token.column - 1, "expected '" + op + "', found '" + token.text + "'");
        }
    }

    private boolean accept(String text) {
        if (peekIs(text)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean peekIs(String text) {
        Token token = peek();
        return token.kind != Kind.END && token.kind != Kind.STRING && token.text.equals(text);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind != Kind.END) {
            position++;
        }
        return token;
    }

    private static IllegalArgumentException error(int index, String message) {
        return new IllegalArgumentException("column " + (index + 1) + ": " + message);
    }
}
