package org.cogos.reasoning.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cogos.reasoning.internal.Behaviour.ActContext;
import org.cogos.reasoning.internal.logic.Fact;
import org.cogos.reasoning.internal.logic.FactKind;
import org.cogos.reasoning.internal.logic.SceneFacts;

/** What the robot says in answer to a command, in the words of docs/actions.md. Stateless. */
final class Replies {

    static final String RESUMING = "Resuming.";
    static final String HELLO = "Hello.";

    /** A description names at most this many things: a sentence a robot can say, not an inventory. */
    static final int MAX_DESCRIBED = 5;

    private Replies() {
    }

    /** "I cannot see a red cup.", or "I cannot see you." for the speaker or no object at all ("come here"). */
    static String unseen(ActContext c) {
        String object = c.slot("object");
        if (object.isEmpty() || object.equals("speaker")) {
            return "I cannot see you.";
        }
        String colour = c.slot("colour");
        return "I cannot see " + withArticle(colour.isEmpty() ? object : colour + " " + object) + ".";
    }

    /** What was heard, without the sentence's own final stop: "Did you say: stop?", not "Did you say: stop!?". */
    static String quoted(ActContext c) {
        return c.slot("text").strip().replaceFirst("[.!?]+$", "");
    }

    /** "The ball is 1.2 m ahead, 30 degrees to the left.": where the sought thing is. */
    static String where(ActContext c) {
        Fact entity = c.entity();
        return "The " + c.slot("object") + " is " + position(entity.number("distance"), entity.number("bearing"))
                + ".";
    }

    /** "I see a cup at 1.2 m and a person at 3.0 m.": the nearest of each label, nearest first. */
    static String describe(SceneFacts facts) {
        Map<String, Fact> nearest = new LinkedHashMap<>();
        for (Fact entity : facts.of(FactKind.ENTITY)) {
            nearest.merge(entity.text("label"), entity,
                    (a, b) -> b.number("distance") < a.number("distance") ? b : a);
        }
        List<Fact> seen = new ArrayList<>(nearest.values());
        if (seen.isEmpty()) {
            return "I see nothing.";
        }
        seen.sort(Comparator.comparingDouble(f -> f.number("distance")));
        List<String> items = new ArrayList<>();
        for (Fact entity : seen.subList(0, Math.min(MAX_DESCRIBED, seen.size()))) {
            items.add(String.format(Locale.ROOT, "%s at %.1f m", withArticle(entity.text("label")),
                    entity.number("distance")));
        }
        String last = items.remove(items.size() - 1);
        return "I see " + (items.isEmpty() ? last : String.join(", ", items) + " and " + last) + ".";
    }

    /** "1.2 m ahead", "1.2 m ahead, 30 degrees to the left" (REP 103: a positive bearing is to the left). */
    static String position(double distance, double bearing) {
        long degrees = Math.round(Math.toDegrees(bearing));
        String range = String.format(Locale.ROOT, "%.1f m %s", distance, Math.abs(degrees) <= 90 ? "ahead" : "away");
        if (degrees == 0) {
            return range;
        }
        return range + ", " + Math.abs(degrees) + " degrees to the " + (degrees > 0 ? "left" : "right");
    }

    private static String withArticle(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
