package org.cogos.reasoning.internal.logic;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cogos.reasoning.internal.logic.RuleParser.Definition;

/**
 * Checks a parsed definition against the fact kinds and the predicates it calls, and compiles it. Every field
 * read must exist on the parameter's kind, every operator must get the types it works on, every call the kinds
 * its callee declares, and the body must be true or false; the first violation is reported with its column.
 */
final class TypeChecker {

    /** The built-in neural function: cosine similarity of two facts' embeddings. */
    static final String SIMILAR = "similar";

    /** The outcome: the compiled body, whether it is neural, and the predicates it calls. */
    record Checked(Term body, boolean neural, Set<String> calls) {
    }

    private record Typed(Term term, FieldType type) {
    }

    private final Definition definition;
    private final Function<String, List<Parameter>> signatures;
    private final Map<String, Integer> slots = new HashMap<>();
    private final Map<String, FactKind> kinds = new HashMap<>();
    private final Set<String> calls = new LinkedHashSet<>();
    private boolean neural;

    private TypeChecker(Definition definition, Function<String, List<Parameter>> signatures) {
        this.definition = definition;
        this.signatures = signatures;
        List<Parameter> parameters = definition.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            slots.put(parameters.get(i).name(), i);
            kinds.put(parameters.get(i).name(), parameters.get(i).kind());
        }
    }

    /**
     * @param signatures the parameters of a registered predicate by name, or null when there is none
     * @throws IllegalArgumentException naming the first type error
     */
    static Checked check(Definition definition, Function<String, List<Parameter>> signatures) {
        TypeChecker checker = new TypeChecker(definition, signatures);
        Typed body = checker.typed(definition.body());
        if (body.type != FieldType.BOOL) {
            throw checker.error(definition.body(), "the body is " + body.type.display()
                    + "; a predicate must be true or false");
        }
        return new Checked(body.term, checker.neural, Set.copyOf(checker.calls));
    }

    private Typed typed(Expr expr) {
        if (expr instanceof Expr.Literal literal) {
            Object value = literal.value();
            return new Typed((args, ev) -> value, literal.type());
        }
        if (expr instanceof Expr.FieldRef ref) {
            return field(ref);
        }
        if (expr instanceof Expr.Call call) {
            return call(call);
        }
        if (expr instanceof Expr.Unary unary) {
            return unary(unary);
        }
        return binary((Expr.Binary) expr);
    }

    private Typed field(Expr.FieldRef ref) {
        FactKind kind = kindOf(ref.variable(), ref);
        FieldType type = kind.fields().get(ref.field());
        if (type == null) {
            throw error(ref, kind.typeName() + " has no field '" + ref.field() + "' (it has "
                    + String.join(", ", kind.fields().keySet()) + ")");
        }
        int slot = slots.get(ref.variable());
        String field = ref.field();
        return new Typed((args, ev) -> args[slot].get(field), type);
    }

    private Typed call(Expr.Call call) {
        List<String> arguments = call.arguments();
        int[] argumentSlots = new int[arguments.size()];
        for (int i = 0; i < arguments.size(); i++) {
            kindOf(arguments.get(i), call);
            argumentSlots[i] = slots.get(arguments.get(i));
        }
        if (call.function().equals(SIMILAR)) {
            if (arguments.size() != 2) {
                throw error(call, "similar takes two facts, got " + arguments.size());
            }
            neural = true;
            int a = argumentSlots[0];
            int b = argumentSlots[1];
            return new Typed((args, ev) -> ev.similarity(args[a], args[b]), FieldType.NUMBER);
        }
        if (call.function().equals(definition.name())) {
            throw error(call, definition.name() + " cannot call itself");
        }
        List<Parameter> callee = signatures.apply(call.function());
        if (callee == null) {
            throw error(call, "no predicate '" + call.function() + "' is registered (nor is it the built-in "
                    + SIMILAR + ")");
        }
        if (callee.size() != arguments.size()) {
            throw error(call, call.function() + " takes " + callee.size() + " argument(s) " + describe(callee)
                    + ", got " + arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            FactKind given = kinds.get(arguments.get(i));
            if (given != callee.get(i).kind()) {
                throw error(call, call.function() + " expects " + describe(callee) + ": argument " + (i + 1)
                        + " '" + arguments.get(i) + "' is " + given.typeName() + ", not "
                        + callee.get(i).kind().typeName());
            }
        }
        calls.add(call.function());
        String name = call.function();
        return new Typed((args, ev) -> {
            Fact[] passed = new Fact[argumentSlots.length];
            for (int i = 0; i < passed.length; i++) {
                passed[i] = args[argumentSlots[i]];
            }
            return ev.holds(name, passed);
        }, FieldType.BOOL);
    }

    private Typed unary(Expr.Unary unary) {
        Typed operand = typed(unary.operand());
        Term term = operand.term;
        if (unary.operator().equals("not")) {
            require(unary, operand, FieldType.BOOL, "not");
            return new Typed((args, ev) -> !(Boolean) term.eval(args, ev), FieldType.BOOL);
        }
        require(unary, operand, FieldType.NUMBER, "-");
        return new Typed((args, ev) -> -(Double) term.eval(args, ev), FieldType.NUMBER);
    }

    private Typed binary(Expr.Binary binary) {
        Typed left = typed(binary.left());
        Typed right = typed(binary.right());
        Term l = left.term;
        Term r = right.term;
        String op = binary.operator();
        switch (op) {
            case "and":
                require(binary, left, FieldType.BOOL, op);
                require(binary, right, FieldType.BOOL, op);
                return new Typed((a, ev) -> (Boolean) l.eval(a, ev) && (Boolean) r.eval(a, ev), FieldType.BOOL);
            case "or":
                require(binary, left, FieldType.BOOL, op);
                require(binary, right, FieldType.BOOL, op);
                return new Typed((a, ev) -> (Boolean) l.eval(a, ev) || (Boolean) r.eval(a, ev), FieldType.BOOL);
            case "==":
            case "!=":
                if (left.type != right.type) {
                    throw error(binary, "cannot compare " + left.type.display() + " with "
                            + right.type.display() + " by " + op);
                }
                boolean equal = op.equals("==");
                return new Typed((a, ev) -> Objects.equals(l.eval(a, ev), r.eval(a, ev)) == equal, FieldType.BOOL);
            case "+":
            case "-":
            case "*":
                require(binary, left, FieldType.NUMBER, op);
                require(binary, right, FieldType.NUMBER, op);
                return new Typed(arithmetic(op, l, r), FieldType.NUMBER);
            default:
                require(binary, left, FieldType.NUMBER, op);
                require(binary, right, FieldType.NUMBER, op);
                return new Typed(ordering(op, l, r), FieldType.BOOL);
        }
    }

    private static Term arithmetic(String op, Term l, Term r) {
        switch (op) {
            case "+":
                return (a, ev) -> (Double) l.eval(a, ev) + (Double) r.eval(a, ev);
            case "-":
                return (a, ev) -> (Double) l.eval(a, ev) - (Double) r.eval(a, ev);
            default:
                return (a, ev) -> (Double) l.eval(a, ev) * (Double) r.eval(a, ev);
        }
    }

    /** Comparisons with NaN (an unknown distance) are false, as in Java. */
    private static Term ordering(String op, Term l, Term r) {
        switch (op) {
            case "<":
                return (a, ev) -> (Double) l.eval(a, ev) < (Double) r.eval(a, ev);
            case "<=":
                return (a, ev) -> (Double) l.eval(a, ev) <= (Double) r.eval(a, ev);
            case ">":
                return (a, ev) -> (Double) l.eval(a, ev) > (Double) r.eval(a, ev);
            default:
                return (a, ev) -> (Double) l.eval(a, ev) >= (Double) r.eval(a, ev);
        }
    }

    private void require(Expr at, Typed operand, FieldType type, String op) {
        if (operand.type != type) {
            throw error(at, "'" + op + "' needs " + type.display() + ", got " + operand.type.display());
        }
    }

    private FactKind kindOf(String variable, Expr at) {
        FactKind kind = kinds.get(variable);
        if (kind == null) {
            throw error(at, "'" + variable + "' is not a parameter of " + definition.name() + " "
                    + describe(definition.parameters()));
        }
        return kind;
    }

    static String describe(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private IllegalArgumentException error(Expr at, String message) {
        return new IllegalArgumentException(definition.name() + describe(definition.parameters()) + ", column "
                + at.column() + ": " + message);
    }
}
