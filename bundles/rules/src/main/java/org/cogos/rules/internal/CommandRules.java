package org.cogos.rules.internal;

import static org.cogos.rules.internal.RuleSet.ENGINE;
import static org.cogos.rules.internal.RuleSet.PERSON;
import static org.cogos.rules.internal.RuleSet.SPEAK;
import static org.cogos.rules.internal.RuleSet.STOP;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Scene;
import org.cogos.rules.internal.CommandMemory.Thing;

/**
 * R5-R11: what a sentence heard makes the robot do (docs/rules.md, docs/actions.md). A command acts once, on the
 * scene its utterance triggered: later scenes that still hold the utterance in their window do not repeat it.
 * Slots that refer to what is seen are resolved against the scene. Immutable; the per-robot memory of what "it"
 * stands for is passed in.
 */
final class CommandRules {

    static final String UNKNOWN = "unknown";
    static final String RESUME = "resume";
    static final String CONFIRM = "confirm";

    /** Every label the language module gives a sentence (docs/language.md): its intents, and not understood. */
    private static final Set<String> UTTERANCES = Set.of(STOP, RESUME, RuleSet.HELP, "move", "turn", "navigate",
            "pick", "place", "bring", "find", "follow", "come", "wait", "describe", "greet", UNKNOWN);

    private static final Set<String> MOVE_DIRECTIONS = Set.of("forward", "backward", "left", "right");
    private static final Set<String> PRONOUNS = Set.of("it", "them");
    private static final String SPEAKER = "speaker";

    private final RulesOptions options;

    CommandRules(RulesOptions options) {
        this.options = options;
    }

    /**
     * The sentence of the scene's trigger that decides, or null when the trigger is no utterance (then the scene
     * holds no command to act on, even if an earlier utterance is still in its window): a stop in any sentence;
     * else the first sentence with an intent; else the first sentence, not understood.
     */
    static Fact heard(Scene scene) {
        Observation trigger = scene.trigger();
        if (trigger == null) {
            return null;
        }
        Fact first = null;
        Fact firstUnknown = null;
        for (Detection detection : trigger.detections()) {
            if (detection.spatial() || !UTTERANCES.contains(detection.label())) {
                continue;
            }
            Fact fact = new Fact(detection, trigger);
            if (isStop(detection)) {
                return fact;
            }
            if (UNKNOWN.equals(detection.label())) {
                firstUnknown = firstUnknown == null ? fact : firstUnknown;
            } else if (first == null) {
                first = fact;
            }
        }
        return first != null ? first : firstUnknown;
    }

    /**
     * A stop, also one the language module is unsure of: stopping by mistake costs a moment, not stopping when
     * told to may cost more.
     */
    static boolean isStop(Detection detection) {
        return STOP.equals(detection.label())
                || UNKNOWN.equals(detection.label()) && STOP.equals(detection.attributes().get("best_intent"));
    }

    /** R5-R11 for the sentence {@code heard}, which is not a call for help (R2, R3 answer those). */
    List<Action> decide(Scene scene, Fact heard, CommandMemory memory) {
        if (isStop(heard.detection())) {
            return List.of(stop(scene, heard));
        }
        String intent = heard.detection().label();
        return switch (intent) {
            case RESUME -> List.of(speak(scene, heard, "R6", options.resumeReply(), CONFIRM, ""));
            case "move" -> move(scene, heard);
            case "turn" -> turn(scene, heard);
            case "navigate" -> navigate(scene, heard);
            case "place" -> place(scene, heard, memory);
            case "wait" -> waitFor(scene, heard);
            case "pick", "bring", "find" -> thing(scene, heard, memory);
            case "follow", "come" -> person(scene, heard);
            case "describe" -> List.of(describe(scene, heard));
            case "greet" -> List.of(speak(scene, heard, "R10", options.greetReply(), "greet", ""));
            default -> List.of(notUnderstood(scene, heard));
        };
    }

    /** R5: a spoken or typed stop; the coordinator latches it (docs/actions.md). */
    private Action stop(Scene scene, Fact heard) {
        String unsure = UNKNOWN.equals(heard.detection().label()) ? ", though not sure of it" : "";
        return RuleSet.action(scene, STOP, Map.of("cause", "command", "in_reply_to", heard.text(),
                "label", "command"), reason("R5", STOP, heard, unsure), "R5", heard.use(STOP));
    }

    /** R7: move {direction, distance_m}, forward 1 m unless said otherwise. */
    private List<Action> move(Scene scene, Fact heard) {
        String direction = slot(heard, "direction", "forward");
        double distance = quantity(heard, "m", 1);
        if (!MOVE_DIRECTIONS.contains(direction) || Double.isNaN(distance)) {
            return List.of(confirm(scene, heard, "R7", "no direction and distance to move by"));
        }
        return List.of(command(scene, heard, "R7", params("direction", direction, "distance_m", distance),
                String.format(Locale.ROOT, ", %s %.2f m", direction, distance)));
    }

    /** R7: turn {angle_rad}, REP 103 (left positive): a quarter turn unless said, half a turn for "around". */
    private List<Action> turn(Scene scene, Fact heard) {
        String direction = slot(heard, "direction", "left");
        boolean half = direction.equals("around") || direction.equals("backward");
        double angle = quantity(heard, "rad", half ? Math.PI : Math.PI / 2);
        if (!(half || direction.equals("left") || direction.equals("right")) || Double.isNaN(angle)) {
            return List.of(confirm(scene, heard, "R7", "no angle to turn by"));
        }
        double signed = direction.equals("right") ? -angle : angle;
        return List.of(command(scene, heard, "R7", params("angle_rad", signed),
                String.format(Locale.ROOT, ", %.2f rad", signed)));
    }

    /** R7: navigate {location}. */
    private List<Action> navigate(Scene scene, Fact heard) {
        String location = slot(heard, "location", null);
        if (location == null) {
            return List.of(confirm(scene, heard, "R7", "no place to go to"));
        }
        return List.of(command(scene, heard, "R7", params("location", location), " to the " + location));
    }

    /** R7: place {object, colour, location}: the robot puts down what it holds, so nothing needs to be seen. */
    private List<Action> place(Scene scene, Fact heard, CommandMemory memory) {
        Thing thing = object(scene, heard, memory);
        String location = slot(heard, "location", null);
        if (thing == null && location == null) {
            return List.of(confirm(scene, heard, "R7", "nothing to put down"));
        }
        Map<String, Object> parameters = thing == null ? params() : thingParams(thing);
        if (location != null) {
            parameters.put("location", location);
        }
        return List.of(command(scene, heard, "R7", parameters, thing == null ? "" : ", " + words(thing)));
    }

    /** R7: wait {duration_s}, for as long as said or until the next action. */
    private List<Action> waitFor(Scene scene, Fact heard) {
        double duration = quantity(heard, "s", 0);
        if (Double.isNaN(duration)) {
            return List.of(confirm(scene, heard, "R7", "no time to wait for"));
        }
        return List.of(duration == 0 ? command(scene, heard, "R7", params(), "")
                : command(scene, heard, "R7", params("duration_s", duration),
                        String.format(Locale.ROOT, ", %.2f s", duration)));
    }

    /**
     * R8: pick, bring, find, about the nearest thing seen that is what was asked for. Not seen: pick is answered
     * (it cannot grasp what it cannot see), bring and find go on without a position (the robot searches). Seen,
     * find needs no search: the robot says where it is.
     */
    private List<Action> thing(Scene scene, Fact heard, CommandMemory memory) {
        String intent = heard.detection().label();
        Thing thing = object(scene, heard, memory);
        if (thing == null) {
            return List.of(confirm(scene, heard, "R8", "nothing named to " + intent));
        }
        Fact seen = RuleSet.best(scene, d -> matches(d, thing), RuleSet::nearer);
        if (seen == null && intent.equals("pick")) {
            return List.of(unseen(scene, heard, "R8", thing));
        }
        if (seen != null && intent.equals("find")) {
            return List.of(speak(scene, heard, "R8", where(words(thing), seen.detection()), "found",
                    seenWords(seen), seen.use("object")));
        }
        Map<String, Object> parameters = thingParams(thing);
        if (intent.equals("bring")) {
            putSlot(parameters, heard, "recipient");
            putSlot(parameters, heard, "location");
        }
        if (seen == null) {
            return List.of(command(scene, heard, "R8", parameters, ", " + words(thing) + " not seen"));
        }
        putPosition(parameters, seen.detection());
        return List.of(command(scene, heard, "R8", parameters, seenWords(seen), seen.use("object")));
    }

    /**
     * R9: follow {label, distance_m, bearing_rad} and come {..., target_distance_m}: the nearest person (confident
     * as R2 wants, measured before estimated), or the thing named ("follow the dog"); answered when not seen.
     */
    private List<Action> person(Scene scene, Fact heard) {
        String object = slot(heard, "object", SPEAKER);
        boolean speaker = object.equals(SPEAKER);
        Thing asked = new Thing(speaker ? PERSON : object, slot(heard, "colour", null));
        Fact seen = RuleSet.best(scene, d -> speaker ? PERSON.equals(d.label())
                && d.confidence() >= options.approachMinConfidence() : matches(d, asked), RuleSet::closerPerson);
        if (seen == null) {
            return List.of(speaker ? unseenWords(scene, heard, "R9", "you", "nobody")
                    : unseen(scene, heard, "R9", asked));
        }
        Detection d = seen.detection();
        Map<String, Object> parameters = params("label", d.label());
        putPosition(parameters, d);
        if (heard.detection().label().equals("come")) {
            parameters.put("target_distance_m", Math.max(0, d.distanceM() - options.standoffM()));
        }
        return List.of(command(scene, heard, "R9", parameters, seenWords(seen),
                seen.use(speaker ? PERSON : "object")));
    }

    /** R10: what is seen, nearest first, at most {@code describeMaxThings}. */
    private Action describe(Scene scene, Fact heard) {
        List<Fact> seen = new ArrayList<>();
        for (Observation observation : scene.observations()) {
            for (Detection d : observation.detections()) {
                if (d.spatial()) {
                    seen.add(new Fact(d, observation));
                }
            }
        }
        // Stable: equally near things keep the scene's order, as R1 and R2 do.
        seen.sort(Comparator.comparingDouble(f -> f.detection().distanceM()));
        List<Fact> told = seen.subList(0, Math.min(seen.size(), options.describeMaxThings()));
        if (told.isEmpty()) {
            return speak(scene, heard, "R10", options.describeNothingReply(), "describe", ", nothing seen");
        }
        List<String> items = told.stream().map(f -> String.format(Locale.ROOT, "%s at %.1f m",
                withArticle(f.detection().label()), f.detection().distanceM())).toList();
        String list = items.size() == 1 ? items.get(0) : String.join(", ", items.subList(0, items.size() - 1))
                + " and " + items.get(items.size() - 1);
        return speak(scene, heard, "R10", "I see " + list + ".", "describe", ", " + told.size() + " of "
                + seen.size() + " things seen", told.stream().map(f -> f.use("seen")).toArray(FactUse[]::new));
    }

    /**
     * R11: a sentence the language module did not take for a command is answered, never met with silence: a
     * question back when it found an intent with too little confidence ({@code best_intent}), else "not understood".
     */
    private Action notUnderstood(Scene scene, Fact heard) {
        String best = heard.detection().attributes().get("best_intent");
        if (best != null) {
            return confirm(scene, heard, "R11", "not sure it was " + best);
        }
        return speak(scene, heard, "R11", fill(options.unknownReply(), "{text}", spoken(heard)), UNKNOWN,
                ", not understood");
    }

    /** Asks back instead of acting: a command not sure of, or one whose slots make no action. */
    private Action confirm(Scene scene, Fact heard, String rule, String why) {
        return speak(scene, heard, rule, fill(options.confirmReply(), "{text}", spoken(heard)), CONFIRM, ", " + why);
    }

    private Action unseen(Scene scene, Fact heard, String rule, Thing thing) {
        return unseenWords(scene, heard, rule, withArticle(words(thing)), "no " + words(thing));
    }

    private Action unseenWords(Scene scene, Fact heard, String rule, String thing, String nothing) {
        return speak(scene, heard, rule, fill(options.unseenReply(), "{thing}", thing), "unseen", ", " + nothing
                + " seen");
    }

    private static Action speak(Scene scene, Fact heard, String rule, String text, String label, String detail,
            FactUse... seen) {
        return RuleSet.action(scene, SPEAK, params("text", text, "in_reply_to", heard.text(), "label", label),
                reason(rule, SPEAK, heard, detail), rule, facts(heard, seen));
    }

    /** The action named by the intent itself ({@code move}, {@code pick}, ...). */
    private static Action command(Scene scene, Fact heard, String rule, Map<String, Object> parameters,
            String detail, FactUse... seen) {
        String intent = heard.detection().label();
        return RuleSet.action(scene, intent, parameters, reason(rule, intent, heard, detail), rule,
                facts(heard, seen));
    }

    /** The utterance first, in the role of its intent (the coordinator knows a resume by it), then what was seen. */
    private static FactUse[] facts(Fact heard, FactUse... seen) {
        FactUse[] facts = new FactUse[seen.length + 1];
        facts[0] = heard.use(heard.detection().label());
        System.arraycopy(seen, 0, facts, 1, seen.length);
        return facts;
    }

    /** In the style of R1-R3: {@code rules R7 move: move asked "go forward" (text seq 5), forward 1.00 m}. */
    private static String reason(String rule, String type, Fact heard, String detail) {
        return String.format(Locale.ROOT, "%s %s %s: %s asked \"%s\" (%s)%s", ENGINE, rule, type,
                heard.detection().label(), heard.text(), heard.source(), detail);
    }

    private static String seenWords(Fact seen) {
        Detection d = seen.detection();
        return String.format(Locale.ROOT, ", %s at %.2f m bearing %.2f rad (%s)", d.label(), d.distanceM(),
                d.bearingRad(), seen.source());
    }

    /**
     * The object said, with its colour; "it" and "them" stand for the object of the robot's previous command
     * about a thing, when there was one. A named object becomes the one remembered.
     */
    private Thing object(Scene scene, Fact heard, CommandMemory memory) {
        String object = slot(heard, "object", null);
        if (object == null) {
            return null;
        }
        if (PRONOUNS.contains(object)) {
            Thing before = memory.recall(scene.robotId());
            return before != null ? before : new Thing(object, null);
        }
        Thing thing = new Thing(object, slot(heard, "colour", null));
        memory.remember(scene.robotId(), thing, options.rememberedRobots());
        return thing;
    }

    /**
     * A detection is the thing asked for when its label is the object, or ends with it as a word (the camera's
     * {@code sports ball} is a "ball", {@code cell phone} a "phone"); its colour counts only when the module
     * reports one.
     */
    private static boolean matches(Detection d, Thing thing) {
        if (!(d.label().equals(thing.object()) || d.label().endsWith(" " + thing.object()))) {
            return false;
        }
        String colour = d.attributes().get("colour");
        return thing.colour() == null || colour == null || colour.equals(thing.colour());
    }

    /**
     * Where a thing is, in words: "The red ball is 1.2 m ahead, 30 degrees to the left." (REP 103: a positive
     * bearing is to the left; beyond 90 degrees the thing is no longer ahead).
     */
    private static String where(String thing, Detection d) {
        long degrees = Math.round(Math.toDegrees(d.bearingRad()));
        long off = Math.abs(degrees);
        if (off == 0) {
            return String.format(Locale.ROOT, "The %s is %.1f m straight ahead.", thing, d.distanceM());
        }
        return String.format(Locale.ROOT, "The %s is %.1f m %s, %d degree%s to the %s.", thing, d.distanceM(),
                off < 90 ? "ahead" : "away", off, off == 1 ? "" : "s", degrees > 0 ? "left" : "right");
    }

    /** {@code red cup}, {@code it}. */
    private static String words(Thing thing) {
        return thing.colour() == null ? thing.object() : thing.colour() + " " + thing.object();
    }

    /** {@code a red cup}, {@code an orange}; a pronoun as it is. */
    private static String withArticle(String words) {
        if (PRONOUNS.contains(words)) {
            return words;
        }
        return ("aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ") + words;
    }

    /** The sentence as heard, without its closing punctuation, to be quoted inside a reply. */
    private static String spoken(Fact heard) {
        return heard.text().replaceAll("[\\s.!?,;:]+$", "");
    }

    private static String fill(String template, String placeholder, String value) {
        return template.replace(placeholder, value);
    }

    private static String slot(Fact heard, String name, String fallback) {
        return heard.detection().attributes().getOrDefault(name, fallback);
    }

    private static void putSlot(Map<String, Object> parameters, Fact heard, String name) {
        String value = slot(heard, name, null);
        if (value != null) {
            parameters.put(name, value);
        }
    }

    /**
     * The {@code quantity} slot, which the language module has converted to the SI {@code unit}; {@code fallback}
     * when none was said; NaN when it is in another unit ("move ten seconds") or not positive: no action then.
     */
    private static double quantity(Fact heard, String unit, double fallback) {
        String quantity = slot(heard, "quantity", null);
        if (quantity == null) {
            return fallback;
        }
        double value = unit.equals(slot(heard, "unit", null)) ? Double.parseDouble(quantity) : Double.NaN;
        return value > 0 ? value : Double.NaN;
    }

    private static Map<String, Object> thingParams(Thing thing) {
        Map<String, Object> parameters = params("object", thing.object());
        if (thing.colour() != null) {
            parameters.put("colour", thing.colour());
        }
        return parameters;
    }

    private static void putPosition(Map<String, Object> parameters, Detection d) {
        parameters.put("label", d.label());
        parameters.put("distance_m", d.distanceM());
        parameters.put("bearing_rad", d.bearingRad());
    }

    /** A mutable map of key, value pairs, in order. */
    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
