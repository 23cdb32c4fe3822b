package org.cogos.rules.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.cogos.api.Scene;

/**
 * The rules of docs/rules.md under one fixed set of options. Immutable, so thread-safe. At most one action
 * per scene; the first rule that fires wins.
 */
final class RuleSet {

    static final String ENGINE = "rules";
    static final String STOP = "stop";
    static final String APPROACH = "approach";
    static final String SPEAK = "speak";
    static final String PERSON = "person";
    /** The language module's intent for a call for help ("help me", "emergency"). */
    static final String HELP = "help";

    private final RulesOptions options;

    RuleSet(RulesOptions options) {
        this.options = options;
    }

    RulesOptions options() {
        return options;
    }

    List<Action> decide(Scene scene) {
        Fact nearest = nearest(scene, false);
        if (nearest != null && nearest.detection.distanceM() < options.stopDistanceM()) {
            return List.of(stop(scene, nearest));
        }
        Fact person = nearest(scene, true);
        Fact help = helpRequest(scene);
        if (person != null) {
            Action approach = approach(scene, person);
            return help == null ? List.of(approach)
                    : List.of(approach, speak(scene, help, "R2", options.helpReply(), person));
        }
        if (help != null) {
            return List.of(speak(scene, help, "R3", options.helpUnseenReply(), null));
        }
        // R4: nothing to do. Silence leaves the robot to its own behaviour, see docs/rules.md.
        return List.of();
    }

    /** R1: the nearest detection of any label, whatever its confidence: safety does not wait for certainty. */
    private Action stop(Scene scene, Fact fact) {
        Detection d = fact.detection;
        String reason = String.format(Locale.ROOT, "%s R1 stop: %s at %.2f m bearing %.2f rad (%s)",
                ENGINE, d.label(), d.distanceM(), d.bearingRad(), fact.source());
        return action(scene, STOP, Map.of(
                "distance_m", d.distanceM(),
                "bearing_rad", d.bearingRad(),
                "label", d.label()), reason, "R1", fact.use("obstacle"));
    }

    /** R2: drive towards the nearest confident person, ending {@code standoffM} short of it. */
    private Action approach(Scene scene, Fact fact) {
        Detection d = fact.detection;
        double target = Math.max(0, d.distanceM() - options.standoffM());
        String reason = String.format(Locale.ROOT,
                "%s R2 approach: %s at %.2f m bearing %.2f rad, stopping at %.2f m (%s)",
                ENGINE, d.label(), d.distanceM(), d.bearingRad(), target, fact.source());
        return action(scene, APPROACH, Map.of(
                "distance_m", d.distanceM(),
                "bearing_rad", d.bearingRad(),
                "target_distance_m", target,
                "label", d.label()), reason, "R2", fact.use("person"));
    }

    /**
     * R2 (with the person approached) and R3 (nobody seen): answer a call for help. The reply is spoken by the
     * robot; {@code in_reply_to} carries what was heard, so an operator can tell which utterance it answers.
     */
    private Action speak(Scene scene, Fact help, String rule, String reply, Fact person) {
        String heard = help.detection.attributes().getOrDefault("text", "");
        String reason = String.format(Locale.ROOT, "%s %s speak: help asked \"%s\" (%s)%s", ENGINE, rule, heard,
                help.source(), person == null ? ", no person within reach"
                        : String.format(Locale.ROOT, ", person at %.2f m (%s)", person.detection.distanceM(),
                                person.source()));
        FactUse[] facts = person == null ? new FactUse[] {help.use(HELP)}
                : new FactUse[] {help.use(HELP), person.use(PERSON)};
        return action(scene, SPEAK, Map.of("text", reply, "in_reply_to", heard, "label", HELP), reason, rule,
                facts);
    }

    /**
     * The rules do not learn, so each reports the reliability of a fixed rule, 1, with no outcomes counted
     * (docs/rules.md); their provenance still names the facts they used.
     */
    private static Action action(Scene scene, String type, Map<String, Object> parameters, String reason,
            String rule, FactUse... facts) {
        long sourceSequence = scene.trigger() == null ? -1 : scene.trigger().sourceSequence();
        Provenance provenance = new Provenance(ENGINE, List.of(new RuleUse(rule, 1, 1, 0, 0)), List.of(facts));
        return new Action(UUID.randomUUID().toString(), scene.robotId(), type, parameters,
                System.currentTimeMillis(), reason, scene.sequence(), sourceSequence, provenance);
    }

    /** The first call for help in the scene (detections are non-spatial utterances), or null. */
    private static Fact helpRequest(Scene scene) {
        for (Observation observation : scene.observations()) {
            for (Detection detection : observation.detections()) {
                if (HELP.equals(detection.label())) {
                    return new Fact(detection, observation);
                }
            }
        }
        return null;
    }

    /**
     * The nearest detection in the scene, or null; with {@code personsOnly}, the person to approach: confident,
     * within approachMaxDistanceM, measured before estimated (see {@link #closerPerson}).
     */
    private Fact nearest(Scene scene, boolean personsOnly) {
        Fact best = null;
        for (Observation observation : scene.observations()) {
            for (Detection detection : observation.detections()) {
                if (personsOnly && !(PERSON.equals(detection.label())
                        && detection.confidence() >= options.approachMinConfidence()
                        && detection.distanceM() <= options.approachMaxDistanceM())) {
                    continue;
                }
                if (!detection.spatial()) {
                    continue; // an utterance, or a module's bug (negative distance): not a thing to drive to
                }
                if (best == null || (personsOnly ? closerPerson(detection, best.detection)
                        : detection.distanceM() < best.detection.distanceM())) {
                    best = new Fact(detection, observation);
                }
            }
        }
        return best;
    }

    /**
     * R2 drives to a person, so it prefers a measured range (the LIDAR's) to a camera's estimate from the box size,
     * which is off by the person's height and posture; among equals the nearer wins. R1 does not: for safety any
     * near detection counts, estimated or not.
     */
    private static boolean closerPerson(Detection candidate, Detection best) {
        if (candidate.distanceEstimated() != best.distanceEstimated()) {
            return !candidate.distanceEstimated();
        }
        return candidate.distanceM() < best.distanceM();
    }

    /** A detection with the observation it came from, for the reason text. */
    private record Fact(Detection detection, Observation observation) {

        FactUse use(String role) {
            return FactUse.of(role, observation, detection);
        }

        String source() {
            return observation.sourceSequence() >= 0
                    ? observation.modality() + " seq " + observation.sourceSequence()
                    : observation.modality() + " percept " + observation.perceptSequence();
        }
    }
}
