package org.cogos.language.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rule-based command grammar over OpenNLP's tokens, UPOS tags and lemmas (grammar table in docs/language.md).
 * The verb lexicon picks the intent; the slots are filled by word class; every word a rule uses, or that is
 * politeness or a determiner, counts as covered, and the covered share is the confidence. Stateless.
 */
final class IntentParser {

    /** Verb lemma (or fixed word) to intent. */
    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("stop", "stop"), Map.entry("halt", "stop"), Map.entry("freeze", "stop"),
            Map.entry("pause", "stop"), Map.entry("resume", "resume"), Map.entry("continue", "resume"),
            Map.entry("help", "help"), Map.entry("sos", "help"), Map.entry("emergency", "help"),
            Map.entry("move", "move"), Map.entry("go", "move"), Map.entry("drive", "move"), Map.entry("walk", "move"),
            Map.entry("roll", "move"), Map.entry("advance", "move"), Map.entry("step", "move"),
            Map.entry("back", "move"), Map.entry("reverse", "move"), Map.entry("navigate", "navigate"),
            Map.entry("head", "navigate"), Map.entry("return", "navigate"),
            Map.entry("turn", "turn"), Map.entry("rotate", "turn"), Map.entry("spin", "turn"),
            Map.entry("pick", "pick"), Map.entry("grab", "pick"), Map.entry("take", "pick"),
            Map.entry("grasp", "pick"), Map.entry("lift", "pick"), Map.entry("collect", "pick"),
            Map.entry("put", "place"), Map.entry("place", "place"), Map.entry("drop", "place"),
            Map.entry("set", "place"), Map.entry("release", "place"),
            Map.entry("bring", "bring"), Map.entry("fetch", "bring"), Map.entry("get", "bring"),
            Map.entry("hand", "bring"), Map.entry("give", "bring"),
            Map.entry("find", "find"), Map.entry("search", "find"), Map.entry("locate", "find"),
            Map.entry("where", "find"),
            Map.entry("follow", "follow"), Map.entry("come", "come"), Map.entry("approach", "come"),
            Map.entry("wait", "wait"),
            Map.entry("describe", "describe"), Map.entry("see", "describe"),
            Map.entry("hello", "greet"), Map.entry("hi", "greet"), Map.entry("greetings", "greet"));

    /** Intents whose rule fails without this slot (confidence halved). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "move", List.of("direction", "quantity"), "turn", List.of("direction", "quantity"),
            "navigate", List.of("location"), "pick", List.of("object"), "bring", List.of("object"),
            "find", List.of("object"), "place", List.of("object", "location"));

    private static final Set<String> FILLERS = Set.of("please", "kindly", "now", "robot", "hey", "ok", "okay",
            "then", "just", "could", "can", "would", "will", "you", "the", "a", "an", "that", "this", "these", "those",
            "some", "my", "your", "our", "and", "right", "away", "immediately", "quickly", "slowly", "again", "thanks",
            "thank", "there", "up", "down", "over", "i", "need", "want", "do", "is", "are", "it", "them", "what", "me",
            "us", "to", "for", "of", "into", "onto", "on", "in", "at", "by", "here", "around", "!", "?", "good");

    private static final Set<String> LOCATION_PREPOSITIONS = Set.of("to", "into", "onto", "on", "in", "at",
            "towards", "toward", "near", "inside");

    private static final Map<String, String> DIRECTIONS = Map.ofEntries(
            Map.entry("forward", "forward"), Map.entry("forwards", "forward"), Map.entry("ahead", "forward"),
            Map.entry("straight", "forward"), Map.entry("backward", "backward"), Map.entry("backwards", "backward"),
            Map.entry("back", "backward"), Map.entry("left", "left"), Map.entry("right", "right"),
            Map.entry("around", "around"), Map.entry("clockwise", "right"), Map.entry("counterclockwise", "left"),
            Map.entry("anticlockwise", "left"), Map.entry("up", "up"), Map.entry("down", "down"));

    private static final Set<String> COLOURS = Set.of("red", "green", "blue", "yellow", "black", "white",
            "orange", "purple", "pink", "brown", "gray", "grey", "silver", "gold");

    /** A spoken unit: the SI unit it measures in and the factor to it. */
    private record Unit(String si, double factor) {
    }

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("meter", new Unit("m", 1.0)), Map.entry("metre", new Unit("m", 1.0)),
            Map.entry("m", new Unit("m", 1.0)), Map.entry("centimeter", new Unit("m", 0.01)),
            Map.entry("centimetre", new Unit("m", 0.01)), Map.entry("cm", new Unit("m", 0.01)),
            Map.entry("millimeter", new Unit("m", 0.001)), Map.entry("millimetre", new Unit("m", 0.001)),
            Map.entry("mm", new Unit("m", 0.001)), Map.entry("kilometer", new Unit("m", 1000.0)),
            Map.entry("kilometre", new Unit("m", 1000.0)), Map.entry("km", new Unit("m", 1000.0)),
            Map.entry("foot", new Unit("m", 0.3048)), Map.entry("feet", new Unit("m", 0.3048)),
            Map.entry("inch", new Unit("m", 0.0254)), Map.entry("yard", new Unit("m", 0.9144)),
            Map.entry("degree", new Unit("rad", Math.PI / 180)),
            Map.entry("deg", new Unit("rad", Math.PI / 180)),
            Map.entry("radian", new Unit("rad", 1.0)), Map.entry("rad", new Unit("rad", 1.0)),
            Map.entry("second", new Unit("s", 1.0)), Map.entry("sec", new Unit("s", 1.0)),
            Map.entry("s", new Unit("s", 1.0)), Map.entry("minute", new Unit("s", 60.0)),
            Map.entry("min", new Unit("s", 60.0)), Map.entry("hour", new Unit("s", 3600.0)),
            Map.entry("millisecond", new Unit("s", 0.001)), Map.entry("ms", new Unit("s", 0.001)));

    private static final Map<String, Integer> SMALL_NUMBERS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90));

    private static final String STOP = "stop";
    private static final String RESUME = "resume";

    /** Intents that act on a thing, which a pronoun may stand for. */
    private static final Set<String> CARRY = Set.of("pick", "place", "bring", "find");

    private static final Set<String> NOUN_TAGS = Set.of("NOUN", "PROPN");

    IntentParser() {
    }

    Intent parse(AnalysedSentence sentence) {
        int n = sentence.tokens().length;
        String[] words = new String[n];
        String[] lemmas = new String[n];
        boolean[] counted = new boolean[n];
        boolean[] covered = new boolean[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            words[i] = sentence.tokens()[i].toLowerCase(Locale.ROOT);
            String lemma = sentence.lemmas()[i];
            lemmas[i] = lemma == null || lemma.isBlank() || lemma.equals("O")
                    ? words[i] : lemma.toLowerCase(Locale.ROOT);
            counted[i] = !"PUNCT".equals(sentence.tags()[i]) && words[i].chars().anyMatch(Character::isLetterOrDigit);
            if (counted[i]) {
                total++;
            }
        }
        int verb = findVerb(words, lemmas, counted);
        if (verb < 0 || total == 0) {
            return new Intent(Intent.UNKNOWN, 0, Map.of());
        }
        int next = nextCounted(verb, counted);
        if (words[verb].equals("emergency") && next >= 0
                && (STOP.equals(VERBS.get(lemmas[next])) || STOP.equals(VERBS.get(words[next])))) {
            // "emergency stop" is a stop, not a call for help: stopping is what the speaker needs first.
            covered[verb] = true;
            verb = next;
            lemmas[verb] = VERBS.containsKey(lemmas[verb]) ? lemmas[verb] : words[verb];
            next = nextCounted(verb, counted);
        }
        String name = VERBS.get(lemmas[verb]);
        Map<String, String> slots = new LinkedHashMap<>();
        slots.put("verb", lemmas[verb].equals("where") ? "find" : lemmas[verb]);
        covered[verb] = true;
        if (lemmas[verb].equals("go") && next >= 0 && words[next].equals("on")
                && onlyFillersAfter(next, words, counted)) {
            // "go on (please)" resumes after a stop; "go on to the kitchen" stays a move.
            name = RESUME;
            covered[next] = true;
        }

        fillQuantity(words, lemmas, covered, slots);
        fillDirection(name, verb, words, counted, covered, slots);
        fillNouns(name, verb, words, lemmas, sentence.tags(), counted, covered, slots);
        if ((name.equals("move") || name.equals("pick") || name.equals("bring")) && slots.containsKey("location")
                && !slots.containsKey("object")) {
            // "go to the kitchen", "take me to the door": a destination without a thing to carry.
            name = "navigate";
        }

        int explained = 0;
        for (int i = 0; i < n; i++) {
            if (counted[i] && (covered[i] || FILLERS.contains(words[i]))) {
                explained++;
            }
        }
        double confidence = (double) explained / total;
        List<String> required = REQUIRED.get(name);
        if (required != null && required.stream().noneMatch(slots::containsKey)) {
            confidence /= 2;
        }
        return new Intent(name, confidence, slots);
    }

    /** The next word after {@code i} that counts (not punctuation), or -1. */
    private static int nextCounted(int i, boolean[] counted) {
        for (int k = i + 1; k < counted.length; k++) {
            if (counted[k]) {
                return k;
            }
        }
        return -1;
    }

    private static boolean onlyFillersAfter(int i, String[] words, boolean[] counted) {
        for (int k = i + 1; k < words.length; k++) {
            if (counted[k] && !FILLERS.contains(words[k])) {
                return false;
            }
        }
        return true;
    }

    /** The first word whose lemma (or the word itself: the tagger often calls an imperative a noun) is a verb. */
    private static int findVerb(String[] words, String[] lemmas, boolean[] counted) {
        for (int i = 0; i < words.length; i++) {
            if (counted[i] && (VERBS.containsKey(lemmas[i]) || VERBS.containsKey(words[i]))
                    && !(words[i].equals("back") && i > 0 && VERBS.containsKey(lemmas[i - 1]))
                    && !(words[i].equals("right") || words[i].equals("left"))) {
                if (!VERBS.containsKey(lemmas[i])) {
                    lemmas[i] = words[i];
                }
                return i;
            }
        }
        return -1;
    }

    /** A number (digits or words, "half", "a") followed by a unit; the value is converted to the SI unit. */
    private static void fillQuantity(String[] words, String[] lemmas, boolean[] covered, Map<String, String> slots) {
        for (int i = 0; i < words.length; i++) {
            if (covered[i]) {
                continue;
            }
            int end = i;
            double group = 0;
            boolean any = false;
            while (end < words.length) {
                String w = words[end];
                Integer small = SMALL_NUMBERS.get(w);
                if (small != null) {
                    group += small;
                } else if (w.equals("hundred") && any) {
                    group = (group == 0 ? 1 : group) * 100;
                } else if (w.equals("half") || w.equals("quarter")) {
                    group += w.equals("half") ? 0.5 : 0.25;
                } else if ((w.equals("a") || w.equals("an")) && end + 1 < words.length
                        && (unitOf(words[end + 1], lemmas[end + 1]) != null || words[end + 1].equals("half")
                            || words[end + 1].equals("hundred") || words[end + 1].equals("quarter"))) {
                    // "a meter" is one; in "half a meter", "a half" and "a hundred" another word carries the value.
                    if (!any && unitOf(words[end + 1], lemmas[end + 1]) != null) {
                        group += 1;
                    }
                } else if (w.equals("and") && any && end + 1 < words.length
                        && (words[end + 1].equals("a") || words[end + 1].equals("half"))) {
                    // "one and a half": the parts add up.
                } else if (isDecimal(w)) {
                    group += Double.parseDouble(w);
                } else {
                    break;
                }
                any = true;
                end++;
            }
            if (!any || end >= words.length) {
                continue;
            }
            Unit unit = unitOf(words[end], lemmas[end]);
            if (unit == null && end + 2 < words.length && words[end].equals("of") && words[end + 1].equals("a")) {
                end += 2; // "half of a meter"
                unit = unitOf(words[end], lemmas[end]);
            }
            if (unit == null) {
                continue;
            }
            slots.put("quantity", format(group * unit.factor()));
            slots.put("unit", unit.si());
            slots.put("amount", format(group) + " " + lemmas[end]);
            for (int k = i; k <= end; k++) {
                covered[k] = true;
            }
            return;
        }
    }

    private static Unit unitOf(String word, String lemma) {
        Unit unit = UNITS.get(lemma);
        return unit != null ? unit : UNITS.get(word.endsWith("s") && word.length() > 3
                ? word.substring(0, word.length() - 1) : word);
    }

    private static boolean isDecimal(String word) {
        return word.matches("[0-9]{1,9}(\\.[0-9]{1,6})?");
    }

    /** Plain decimal, at most six places: a unit conversion's binary noise does not belong in a slot. */
    private static String format(double value) {
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static void fillDirection(String intent, int verb, String[] words, boolean[] counted, boolean[] covered,
            Map<String, String> slots) {
        if (!intent.equals("move") && !intent.equals("turn")) {
            return;
        }
        for (int i = 0; i < words.length; i++) {
            String direction = DIRECTIONS.get(words[i]);
            if (direction != null && counted[i] && (!covered[i] || i == verb && words[i].equals("back"))) {
                slots.put("direction", direction);
                covered[i] = true;
                return;
            }
        }
    }

    /**
     * The object is the first noun phrase after the verb; the location the noun phrase after a place preposition.
     * Colours and other adjectives inside the object's phrase become slots of their own.
     */
    private static void fillNouns(String intent, int verb, String[] words, String[] lemmas, String[] tags,
            boolean[] counted, boolean[] covered, Map<String, String> slots) {
        int i = verb + 1;
        boolean toLocation = false;
        while (i < words.length) {
            if (covered[i] || !counted[i]) {
                i++;
                continue;
            }
            if (LOCATION_PREPOSITIONS.contains(words[i]) && !(intent.equals("pick") && words[i].equals("up"))) {
                toLocation = true;
                i++;
                continue;
            }
            if (COLOURS.contains(words[i]) || "ADJ".equals(tags[i]) && !DIRECTIONS.containsKey(words[i])
                    && !FILLERS.contains(words[i]) || isNoun(i, words, tags)) {
                int end = i;
                StringBuilder noun = new StringBuilder();
                while (end < words.length && !covered[end] && counted[end]
                        && (COLOURS.contains(words[end]) || "ADJ".equals(tags[end])
                            || isNoun(end, words, tags))
                        && !FILLERS.contains(words[end]) && !DIRECTIONS.containsKey(words[end])) {
                    if (COLOURS.contains(words[end])) {
                        if (!toLocation) {
                            slots.putIfAbsent("colour", words[end].equals("grey") ? "gray" : words[end]);
                        }
                    } else if ("ADJ".equals(tags[end]) && !isNoun(end, words, tags)) {
                        if (!toLocation) {
                            slots.putIfAbsent("attribute", lemmas[end]);
                        }
                    } else {
                        noun.append(noun.length() == 0 ? "" : " ").append(lemmas[end]);
                    }
                    covered[end] = true;
                    end++;
                }
                if (noun.length() > 0) {
                    String slot = toLocation || slots.containsKey("object") ? "location" : "object";
                    slots.putIfAbsent(slot, noun.toString());
                }
                i = Math.max(end, i + 1);
                continue;
            }
            i++;
        }
        if (!slots.containsKey("object") && CARRY.contains(intent)
                && (contains(words, "it") || contains(words, "them"))) {
            // "bring it to the kitchen": the thing named before; the scene or the dialogue resolves it.
            slots.put("object", contains(words, "it") ? "it" : "them");
        }
        if ((intent.equals("follow") || intent.equals("help") || intent.equals("come")) && contains(words, "me")) {
            slots.putIfAbsent("object", "speaker");
        }
        if (intent.equals("bring") && contains(words, "me")) {
            slots.put("recipient", "speaker");
        }
    }

    /** NOUN/PROPN that no lexicon claims: the tagger calls "stop", "two" or "meters" nouns at times. */
    private static boolean isNoun(int i, String[] words, String[] tags) {
        if (NOUN_TAGS.contains(tags[i])) {
            return !VERBS.containsKey(words[i]) && !FILLERS.contains(words[i]) && !UNITS.containsKey(words[i])
                    && !SMALL_NUMBERS.containsKey(words[i]);
        }
        return false;
    }

    private static boolean contains(String[] words, String word) {
        for (String w : words) {
            if (w.equals(word)) {
                return true;
            }
        }
        return false;
    }
}
