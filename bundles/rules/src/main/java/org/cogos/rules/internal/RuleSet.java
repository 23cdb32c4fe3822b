package org.cogos.rules.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.cogos.api.Scene;

/**
 * The rules of docs/rules.md under one fixed set of options, in their order: R1, the commands (R5-R11, {@link
 * CommandRules}), R2, R3, R4. Immutable, so thread-safe. The first rule that fires wins.
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
    private final CommandRules commands;

    RuleSet(RulesOptions options) {
        this.options = options;
        this.commands = new CommandRules(options);
    }

    RulesOptions options() {
        return options;
    }

    /** @param memory what "it" stands for, per robot; the commands read and update it */
    List<Action> decide(Scene scene, CommandMemory memory) {
        Fact heard = CommandRules.heard(scene);
        Fact nearest = best(scene, d -> true, RuleSet::nearer);
        if (nearest != null && nearest.detection().distanceM() < options.stopDistanceM()) {
            Fact spokenStop = heard != null && CommandRules.isStop(heard.detection()) ? heard : null;
            return List.of(stop(scene, nearest, spokenStop));
        }
        if (heard != null && !HELP.equals(heard.detection().label())) {
            return commands.decide(scene, heard, memory);
        }
        Fact person = best(scene, this::approachable, RuleSet::closerPerson);
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

    /**
     * R1: the nearest detection of any label, whatever its confidence: safety does not wait for certainty. When the
     * scene's utterance was a stop as well, it is one of the facts (role {@code stop}), so the coordinator latches
     * the spoken stop although the obstacle decided first.
     */
    private Action stop(Scene scene, Fact fact, Fact spokenStop) {
        Detection d = fact.detection();
        String reason = String.format(Locale.ROOT, "%s R1 stop: %s at %.2f m bearing %.2f rad (%s)",
                ENGINE, d.label(), d.distanceM(), d.bearingRad(), fact.source());
        Map<String, Object> parameters = Map.of(
                "cause", "obstacle",
                "distance_m", d.distanceM(),
                "bearing_rad", d.bearingRad(),
                "label", d.label());
        if (spokenStop == null) {
            return action(scene, STOP, parameters, reason, "R1", fact.use("obstacle"));
        }
        return action(scene, STOP, parameters, reason + String.format(Locale.ROOT, ", and stop asked \"%s\" (%s)",
                spokenStop.text(), spokenStop.source()), "R1", fact.use("obstacle"), spokenStop.use(STOP));
    }

    /** R2: drive towards the nearest confident person, ending {@code standoffM} short of it. */
    private Action approach(Scene scene, Fact fact) {
        Detection d = fact.detection();
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
        String heard = help.text();
        String reason = String.format(Locale.ROOT, "%s %s speak: help asked \"%s\" (%s)%s", ENGINE, rule, heard,
                help.source(), person == null ? ", no person within reach"
                        : String.format(Locale.ROOT, ", person at %.2f m (%s)", person.detection().distanceM(),
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
    static Action action(Scene scene, String type, Map<String, Object> parameters, String reason,
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

    /** A person R2 approaches: confident, within {@code approachMaxDistanceM}. */
    private boolean approachable(Detection d) {
        return PERSON.equals(d.label()) && d.confidence() >= options.approachMinConfidence()
                && d.distanceM() <= options.approachMaxDistanceM();
    }

    /** Nearer, in plain distance: what R1 stops for, what a command names. */
    static boolean nearer(Detection candidate, Detection best) {
        return candidate.distanceM() < best.distanceM();
    }

    /**
     * The best of the scene's spatial detections that are {@code wanted}, by {@code better}, or null. When two are
     * equally good the first in the scene wins. Non-spatial detections (utterances, or a module's bug: a NaN or
     * negative distance) are never a thing to stop for or drive to.
     */
    static Fact best(Scene scene, Predicate<Detection> wanted, BiPredicate<Detection, Detection> better) {
        Fact best = null;
        for (Observation observation : scene.observations()) {
            for (Detection detection : observation.detections()) {
                if (detection.spatial() && wanted.test(detection)
                        && (best == null || better.test(detection, best.detection()))) {
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
    static boolean closerPerson(Detection candidate, Detection best) {
        if (candidate.distanceEstimated() != best.distanceEstimated()) {
            return !candidate.distanceEstimated();
        }
        return candidate.distanceM() < best.distanceM();
    }
}
