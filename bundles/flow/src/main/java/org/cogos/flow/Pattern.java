package org.cogos.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A flow with holes, the two sides of a {@link Rule}. Written like a flow, with {@code ?name} variables: in a
 * flow position a variable matches any flow ({@link Variable}), in a constant position any constant
 * ({@link ConstantVariable}). Example: {@code (scale ?a (scale ?b ?x))}. Immutable, thread-safe.
 */
public sealed interface Pattern permits Pattern.Variable, Pattern.Node {

    /** Parses pattern text; see {@link FlowParser}. */
    static Pattern parse(String text) {
        return FlowParser.parsePattern(text);
    }

    /** Names of the flow variables, in order of first appearance. */
    Set<String> termVariables();

    /** Names of the constant variables, in order of first appearance. */
    Set<String> constantVariables();

    /**
     * The flow obtained by filling the holes.
     *
     * @throws IllegalArgumentException if a variable has no value or a filled-in constant is invalid for its op
     */
    Flow instantiate(Map<String, Flow> terms, Map<String, Float> constants);

    /** A flow variable, {@code ?x}. */
    record Variable(String name) implements Pattern {

        /** Requires a non-blank name. */
        public Variable {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("pattern variable name is blank");
            }
        }

        @Override
        public Set<String> termVariables() {
            return Set.of(name);
        }

        @Override
        public Set<String> constantVariables() {
            return Set.of();
        }

        @Override
        public Flow instantiate(Map<String, Flow> terms, Map<String, Float> constants) {
            Flow flow = terms.get(name);
            if (flow == null) {
                throw new IllegalArgumentException("no flow given for pattern variable ?" + name);
            }
            return flow;
        }

        @Override
        public String toString() {
            return "?" + name;
        }
    }

    /** An operation node whose constants and children are themselves patterns. */
    record Node(Op op, List<ConstantSlot> constants, List<Pattern> children) implements Pattern {

        /** Validates arity; literal constants must be valid when the op has no constant variables. */
        public Node {
            Objects.requireNonNull(op, "op");
            constants = List.copyOf(constants);
            children = List.copyOf(children);
            if (constants.size() != op.constantCount() || children.size() != op.childCount()) {
                throw new IllegalArgumentException("op '" + op.symbol() + "' takes " + op.constantCount()
                        + " constant(s) and " + op.childCount() + " child(ren), got " + constants.size() + " and "
                        + children.size());
            }
            if (constants.stream().allMatch(Literal.class::isInstance)) {
                List<Float> values = constants.stream().map(slot -> ((Literal) slot).value()).toList();
                op.constantsProblem(values).ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
            }
        }

        @Override
        public Set<String> termVariables() {
            Set<String> names = new LinkedHashSet<>();
            children.forEach(child -> names.addAll(child.termVariables()));
            return names;
        }

        @Override
        public Set<String> constantVariables() {
            Set<String> names = new LinkedHashSet<>();
            constants.stream().filter(ConstantVariable.class::isInstance)
                    .forEach(slot -> names.add(((ConstantVariable) slot).name()));
            children.forEach(child -> names.addAll(child.constantVariables()));
            return names;
        }

        @Override
        public Flow instantiate(Map<String, Flow> terms, Map<String, Float> values) {
            List<Float> filled = new ArrayList<>(constants.size());
            for (ConstantSlot slot : constants) {
                filled.add(slot.valueIn(values));
            }
            List<Flow> kids = new ArrayList<>(children.size());
            for (Pattern child : children) {
                kids.add(child.instantiate(terms, values));
            }
            return new Flow(op, filled, kids);
        }

        @Override
        public String toString() {
            if (op.constantCount() == 0 && op.childCount() == 0) {
                return op.symbol();
            }
            StringBuilder text = new StringBuilder("(").append(op.symbol());
            constants.forEach(slot -> text.append(' ').append(slot));
            children.forEach(child -> text.append(' ').append(child));
            return text.append(')').toString();
        }
    }

    /** A constant position of a {@link Node}: a literal number or a constant variable. */
    sealed interface ConstantSlot permits Literal, ConstantVariable {

        /** The constant's value, looking variables up in {@code values}. */
        float valueIn(Map<String, Float> values);
    }

    /** A literal constant, matching only an equal constant (bitwise, so 0 and -0 differ). */
    record Literal(float value) implements ConstantSlot {

        /** Requires a finite value. */
        public Literal {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("pattern constant " + value + " is not finite");
            }
        }

        @Override
        public float valueIn(Map<String, Float> values) {
            return value;
        }

        @Override
        public String toString() {
            return FlowParser.formatConstant(value);
        }
    }

    /** A constant variable, {@code ?k}. */
    record ConstantVariable(String name) implements ConstantSlot {

        /** Requires a non-blank name. */
        public ConstantVariable {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("constant variable name is blank");
            }
        }

        @Override
        public float valueIn(Map<String, Float> values) {
            Float value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value given for constant variable ?" + name);
            }
            return value;
        }

        @Override
        public String toString() {
            return "?" + name;
        }
    }
}
