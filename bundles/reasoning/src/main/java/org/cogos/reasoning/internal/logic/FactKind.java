package org.cogos.reasoning.internal.logic;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of facts a scene yields, with the typed fields a rule may read. A predicate declares the kind of each
 * parameter, so a rule over the wrong kind of fact (an intent's distance) is refused when it is registered, not
 * found wrong while a robot waits for a decision.
 */
public enum FactKind {
    /** A detection with a place in the robot's frame: a person, an obstacle, a cup. */
    ENTITY("Entity", "label", FieldType.TEXT, "confidence", FieldType.NUMBER, "distance", FieldType.NUMBER,
            "bearing", FieldType.NUMBER, "size", FieldType.NUMBER, "measured", FieldType.BOOL,
            "colour", FieldType.TEXT, "modality", FieldType.TEXT, "module", FieldType.TEXT),
    /**
     * What someone said, as the language module understood it: the intent, its slots ({@code ""} when not said,
     * {@code quantity} -1) and whether the utterance triggered the scene ({@code fresh}: a command acts once).
     */
    INTENT("Intent", "name", FieldType.TEXT, "confidence", FieldType.NUMBER, "text", FieldType.TEXT,
            "object", FieldType.TEXT, "colour", FieldType.TEXT, "attribute", FieldType.TEXT,
            "location", FieldType.TEXT, "recipient", FieldType.TEXT, "verb", FieldType.TEXT,
            "direction", FieldType.TEXT, "quantity", FieldType.NUMBER, "unit", FieldType.TEXT,
            "best_intent", FieldType.TEXT, "fresh", FieldType.BOOL, "modality", FieldType.TEXT,
            "module", FieldType.TEXT),
    /** A detection with no place, other than an utterance: speech heard, a sound. */
    SOUND("Sound", "label", FieldType.TEXT, "confidence", FieldType.NUMBER, "modality", FieldType.TEXT,
            "module", FieldType.TEXT),
    /** A request to draw on the robot's display, read from an utterance: "draw a red pixel at (100, 50)". */
    DRAWING("Drawing", "x", FieldType.NUMBER, "y", FieldType.NUMBER, "color", FieldType.TEXT,
            "text", FieldType.TEXT, "confidence", FieldType.NUMBER, "fresh", FieldType.BOOL);

    private final String typeName;
    private final Map<String, FieldType> fields;

    FactKind(String typeName, Object... fieldsAndTypes) {
        this.typeName = typeName;
        Map<String, FieldType> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTypes.length; i += 2) {
            map.put((String) fieldsAndTypes[i], (FieldType) fieldsAndTypes[i + 1]);
        }
        this.fields = Collections.unmodifiableMap(map);
    }

    /** @return the name rules use, e.g. {@code Entity} */
    public String typeName() {
        return typeName;
    }

    /** @return the fields in declaration order */
    public Map<String, FieldType> fields() {
        return fields;
    }

    public static Optional<FactKind> named(String typeName) {
        return Arrays.stream(values()).filter(k -> k.typeName.equals(typeName)).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(FactKind::typeName).collect(Collectors.joining(", "));
    }
}
