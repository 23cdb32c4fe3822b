package org.cogos.reasoning.internal.logic;

import java.util.Map;
import java.util.Objects;

import org.cogos.api.Detection;
import org.cogos.api.Observation;

/**
 * One fact of a scene: a detection seen as a {@link FactKind}, its field values, and where it came from.
 *
 * @param kind        what kind of fact it is
 * @param values      a value for every field of the kind (String, Double or Boolean)
 * @param observation the observation it came from, for provenance
 * @param detection   the detection it came from
 * @param meaning     the words the neural embedding layer reads for it: a label, or what was said
 */
public record Fact(FactKind kind, Map<String, Object> values, Observation observation, Detection detection,
        String meaning) {

    public Fact {
        values = Map.copyOf(values);
        if (!values.keySet().equals(kind.fields().keySet())) {
            throw new IllegalArgumentException(kind.typeName() + " needs fields " + kind.fields().keySet()
                    + ", got " + values.keySet());
        }
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(meaning, "meaning");
    }

    public Object get(String field) {
        return values.get(field);
    }

    public double number(String field) {
        return (Double) values.get(field);
    }

    public String text(String field) {
        return (String) values.get(field);
    }
}
