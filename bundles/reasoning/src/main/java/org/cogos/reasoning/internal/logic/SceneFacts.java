package org.cogos.reasoning.internal.logic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Scene;

/**
 * The facts of one scene by kind. Spatial detections are entities; detections of the {@code text} modality are
 * intents (and a drawing too when the utterance asks for one); other non-spatial detections are sounds. Immutable.
 */
public final class SceneFacts {

    /** The modality of the language module's observations. */
    static final String TEXT_MODALITY = "text";

    /** The colours a drawing may ask for, as RGB. */
    public static final Map<String, String> COLORS = Map.ofEntries(Map.entry("red", "#ff0000"),
            Map.entry("green", "#00ff00"), Map.entry("blue", "#0000ff"), Map.entry("white", "#ffffff"),
            Map.entry("black", "#000000"), Map.entry("yellow", "#ffff00"), Map.entry("cyan", "#00ffff"),
            Map.entry("magenta", "#ff00ff"), Map.entry("orange", "#ffa500"), Map.entry("purple", "#800080"),
            Map.entry("pink", "#ffc0cb"), Map.entry("gray", "#808080"), Map.entry("grey", "#808080"));

    /**
     * "draw a red pixel at (100, 50)", "draw a pixel at 3,4": a colour of {@link #COLORS} is optional (red when absent), the
     * coordinates are non-negative integers of at most five digits, so they cannot overflow. The words match
     * exactly or not at all, so a drawing is certain (confidence 1) whatever the language module made of them.
     */
    private static final Pattern DRAW = Pattern.compile(
            "\\bdraw\\s+(?:a\\s+|an\\s+)?(?:(?<color>" + String.join("|", COLORS.keySet()) + ")\\s+)?"
                    + "(?:pixel|dot|point)\\s+at\\s*\\(?\\s*"
                    + "(?<x>\\d{1,5})\\s*,\\s*(?<y>\\d{1,5})\\s*\\)?");

    /** The slot attributes of an intent that become its text fields, as the language module names them. */
    private static final List<String> SLOTS = List.of("object", "colour", "attribute", "location", "recipient",
            "verb", "direction", "unit", "best_intent");

    /** A quantity slot as the language module writes it: plain decimal, SI units (0.5, 1.570796, 120). */
    private static final Pattern QUANTITY = Pattern.compile("\\d{1,9}(?:\\.\\d{1,9})?");

    /** Words that stand for the object of the robot's previous command ("bring it to the kitchen"). */
    private static final Set<String> PRONOUNS = Set.of("it", "them");

    /** Objects the language module names that are no thing to fetch: the one speaking, the whole scene. */
    private static final Set<String> NOT_THINGS = Set.of("speaker", "scene");

    /** @return whether an intent's object names a thing a later "it" can refer to */
    public static boolean isThing(String object) {
        return !object.isEmpty() && !PRONOUNS.contains(object) && !NOT_THINGS.contains(object);
    }

    /**
     * What "it" and "them" refer to: the object (and its colour, {@code ""} when none was said) of the robot's
     * previous command.
     */
    public record Referent(String object, String colour) {

        public Referent {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(colour, "colour");
        }
    }

    private final Map<FactKind, List<Fact>> byKind;
    private final int size;

    private SceneFacts(Map<FactKind, List<Fact>> byKind) {
        this.byKind = byKind;
        this.size = byKind.values().stream().mapToInt(List::size).sum();
    }

    public static SceneFacts of(Scene scene) {
        return of(scene, null);
    }

    /**
     * @param referent what "it"/"them" in an utterance refer to, or null when the robot had no command about an
     *                 object before (the pronoun then stays the object, and nothing seen is labelled so)
     */
    public static SceneFacts of(Scene scene, Referent referent) {
        Map<FactKind, List<Fact>> byKind = new EnumMap<>(FactKind.class);
        for (FactKind kind : FactKind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        for (Observation observation : scene.observations()) {
            for (Detection detection : observation.detections()) {
                if (detection.spatial()) {
                    byKind.get(FactKind.ENTITY).add(entity(observation, detection));
                } else if (TEXT_MODALITY.equals(observation.modality())) {
                    // Compared by value: the trigger is one of the scene's observations, however it was copied.
                    boolean fresh = observation.equals(scene.trigger());
                    byKind.get(FactKind.INTENT).add(intent(observation, detection, fresh, referent));
                    Fact drawing = drawing(observation, detection, fresh);
                    if (drawing != null) {
                        byKind.get(FactKind.DRAWING).add(drawing);
                    }
                } else {
                    byKind.get(FactKind.SOUND).add(sound(observation, detection));
                }
            }
        }
        byKind.replaceAll((kind, facts) -> List.copyOf(facts));
        return new SceneFacts(byKind);
    }

    public List<Fact> of(FactKind kind) {
        return byKind.get(kind);
    }

    public int size() {
        return size;
    }

    private static Fact entity(Observation o, Detection d) {
        return new Fact(FactKind.ENTITY, Map.of("label", d.label(), "confidence", d.confidence(),
                "distance", d.distanceM(), "bearing", d.bearingRad(), "size", d.sizeM(),
                "measured", !d.distanceEstimated(), "colour", d.attributes().getOrDefault("colour", ""),
                "modality", o.modality(), "module", module(o)), o, d, d.label());
    }

    private static Fact intent(Observation o, Detection d, boolean fresh, Referent referent) {
        String text = d.attributes().getOrDefault("text", "");
        Map<String, Object> values = new HashMap<>();
        for (String slot : SLOTS) {
            values.put(slot, d.attributes().getOrDefault(slot, ""));
        }
        if (referent != null && PRONOUNS.contains(values.get("object"))) {
            values.put("object", referent.object());
            if (values.get("colour").equals("")) {
                values.put("colour", referent.colour());
            }
        }
        values.put("name", d.label());
        values.put("confidence", d.confidence());
        values.put("text", text);
        values.put("quantity", quantity(d.attributes().get("quantity")));
        values.put("fresh", fresh);
        values.put("modality", o.modality());
        values.put("module", module(o));
        return new Fact(FactKind.INTENT, values, o, d, text.isBlank() ? d.label() : text);
    }

    /** @return the amount said in SI units, or -1 when none was said or it is no plain non-negative number */
    private static double quantity(String value) {
        return value != null && QUANTITY.matcher(value).matches() ? Double.parseDouble(value) : -1;
    }

    private static Fact sound(Observation o, Detection d) {
        return new Fact(FactKind.SOUND, Map.of("label", d.label(), "confidence", d.confidence(),
                "modality", o.modality(), "module", module(o)), o, d, d.label());
    }

    /** @return the drawing the utterance asks for, or null when it asks for none */
    static Fact drawing(Observation o, Detection d, boolean fresh) {
        String text = d.attributes().getOrDefault("text", "");
        Matcher m = DRAW.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return null;
        }
        String color = m.group("color") == null ? "red" : m.group("color");
        return new Fact(FactKind.DRAWING, Map.of("x", Double.parseDouble(m.group("x")),
                "y", Double.parseDouble(m.group("y")), "color", color, "text", text,
                "confidence", 1.0, "fresh", fresh), o, d, color + " pixel");
    }

    private static String module(Observation o) {
        return o.module() == null ? "" : o.module();
    }
}
