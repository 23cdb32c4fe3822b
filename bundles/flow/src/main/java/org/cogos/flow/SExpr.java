package org.cogos.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * A read s-expression: an atom (non-null {@code atom}) or a parenthesised list of items, with the source position
 * kept for error messages.
 */
record SExpr(String atom, List<SExpr> items, int position) {

    /** Deepest nesting read; the passes over flows recurse once per level and must not exhaust the stack. */
    static final int MAX_DEPTH = 1000;

    boolean isAtom() {
        return atom != null;
    }

    /** Reads exactly one s-expression from {@code text}. */
    static SExpr read(String text) {
        if (text == null) {
            throw new IllegalArgumentException("flow text is null");
        }
        Reader reader = new Reader(text);
        reader.skipSpace();
        if (reader.atEnd()) {
            throw new FlowSyntaxException("empty flow text", 0);
        }
        SExpr expr = reader.next(0);
        reader.skipSpace();
        if (!reader.atEnd()) {
            throw new FlowSyntaxException("unexpected '" + reader.peekToken() + "' after the end of the expression",
                    reader.pos);
        }
        return expr;
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        String peekToken() {
            char c = text.charAt(pos);
            if (c == '(' || c == ')') {
                return String.valueOf(c);
            }
            int end = pos;
            while (end < text.length() && !isDelimiter(text.charAt(end))) {
                end++;
            }
            return text.substring(pos, end);
        }

        /** Reads one expression starting at a non-space character, {@code depth} lists deep. */
        SExpr next(int depth) {
            int start = pos;
            char c = text.charAt(pos);
            if (c == ')') {
                throw new FlowSyntaxException("unexpected ')'", start);
            }
            if (c != '(') {
                String token = peekToken();
                pos += token.length();
                return new SExpr(token, List.of(), start);
            }
            if (depth == MAX_DEPTH) {
                throw new FlowSyntaxException("flow nested deeper than " + MAX_DEPTH + " levels", start);
            }
            pos++;
            List<SExpr> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (atEnd()) {
                    throw new FlowSyntaxException("missing ')' to close the '(' opened", start);
                }
                if (text.charAt(pos) == ')') {
                    pos++;
                    return new SExpr(null, List.copyOf(items), start);
                }
                items.add(next(depth + 1));
            }
        }

        private static boolean isDelimiter(char c) {
            return c == '(' || c == ')' || Character.isWhitespace(c);
        }
    }
}
