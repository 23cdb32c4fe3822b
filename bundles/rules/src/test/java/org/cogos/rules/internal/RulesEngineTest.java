package org.cogos.rules.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.cogos.api.Scene;
import org.cogos.harness.Configs;
import org.junit.Test;

public class RulesEngineTest {

    private static final double EPS = 1e-9;

    private static Observation lidar(long seq, Detection... detections) {
        return new Observation("r1", "lidar", "sensor", 1000 + seq, seq, 0, 0, Arrays.asList(detections));
    }

    private static Observation vision(long seq, Detection... detections) {
        return new Observation("r1", "vision", "vision", 2000 + seq, seq, 0, 0, Arrays.asList(detections));
    }

    private static Detection obstacle(double distance, double bearing) {
        return new Detection("obstacle", 1.0, distance, bearing, 1.0);
    }

    private static Detection person(double distance, double bearing) {
        return new Detection("person", 0.9, distance, bearing, 0.4);
    }

    /** A scene of the given observations, triggered by the first. */
    private static Scene scene(Observation... observations) {
        return new Scene("r1", 77, 0, Arrays.asList(observations), observations.length == 0 ? null : observations[0]);
    }

    /** One row: a scene and the action expected of it (null type = no action). */
    private record Case(String name, Scene scene, String type, Map<String, Object> parameters, String reason) {
    }

    private static Case none(String name, Scene scene) {
        return new Case(name, scene, null, Map.of(), null);
    }

    private static final List<Case> CASES = List.of(
            none("empty scene", new Scene("r1", 77, 0, List.of(), lidar(1))),
            none("no detections", scene(lidar(1))),
            new Case("R1 obstacle too near", scene(lidar(812, obstacle(0.31, 0.02))), "stop",
                    Map.of("cause", "obstacle", "distance_m", 0.31, "bearing_rad", 0.02, "label", "obstacle"),
                    "rules R1 stop: obstacle at 0.31 m bearing 0.02 rad (lidar seq 812)"),
            new Case("R1 wins over R2 for a person too near", scene(lidar(5, person(0.4, -0.1))), "stop",
                    Map.of("cause", "obstacle", "distance_m", 0.4, "bearing_rad", -0.1, "label", "person"),
                    "rules R1 stop: person at 0.40 m bearing -0.10 rad (lidar seq 5)"),
            new Case("R1 takes the nearest of several", scene(lidar(6, obstacle(0.45, 1.0), obstacle(0.2, -1.0))),
                    "stop", Map.of("cause", "obstacle", "distance_m", 0.2, "bearing_rad", -1.0, "label", "obstacle"),
                    null),
            none("R1 is strict: exactly at the stop distance", scene(lidar(7, obstacle(0.5, 0)))),
            new Case("R1 ignores confidence", scene(lidar(8, new Detection("person", 0.1, 0.3, 0, 0.3))), "stop",
                    Map.of("cause", "obstacle", "distance_m", 0.3, "bearing_rad", 0.0, "label", "person"), null),
            new Case("R1 looks at every modality", scene(lidar(9, obstacle(3, 0)), vision(44, obstacle(0.45, 0.5))),
                    "stop", Map.of("cause", "obstacle", "distance_m", 0.45, "bearing_rad", 0.5, "label", "obstacle"),
                    "rules R1 stop: obstacle at 0.45 m bearing 0.50 rad (vision seq 44)"),
            new Case("R2 approach a person", scene(lidar(812, person(3.0, 0.3))), "approach",
                    Map.of("distance_m", 3.0, "bearing_rad", 0.3, "target_distance_m", 2.0, "label", "person"),
                    "rules R2 approach: person at 3.00 m bearing 0.30 rad, stopping at 2.00 m (lidar seq 812)"),
            new Case("R2 target never negative", scene(lidar(10, person(0.8, 0))), "approach",
                    Map.of("distance_m", 0.8, "bearing_rad", 0.0, "target_distance_m", 0.0, "label", "person"), null),
            new Case("R2 inclusive at the maximum distance", scene(lidar(11, person(5.0, 0))), "approach",
                    Map.of("distance_m", 5.0, "bearing_rad", 0.0, "target_distance_m", 4.0, "label", "person"), null),
            none("R2 person too far", scene(lidar(12, person(5.01, 0)))),
            new Case("R2 prefers a measured person to a nearer estimated one",
                    scene(vision(20, new Detection("person", 0.9, 1.5, 0.1, 0.5,
                            Map.of(Detection.DISTANCE_METHOD, "box_height"))), lidar(21, person(3.0, 0.0))),
                    "approach", Map.of("distance_m", 3.0, "bearing_rad", 0.0, "target_distance_m", 2.0,
                            "label", "person"), null),
            new Case("R2 takes an estimated person in reach over a measured one out of reach",
                    scene(vision(25, new Detection("person", 0.9, 1.5, 0.1, 0.5,
                            Map.of(Detection.DISTANCE_METHOD, "box_height"))), lidar(26, person(5.3, 0.0))),
                    "approach", Map.of("distance_m", 1.5, "bearing_rad", 0.1, "target_distance_m", 0.5,
                            "label", "person"), null),
            new Case("R2 takes an estimated person when nothing is measured",
                    scene(vision(22, new Detection("person", 0.9, 2.5, 0.1, 0.5,
                            Map.of(Detection.DISTANCE_METHOD, "box_height")))), "approach",
                    Map.of("distance_m", 2.5, "bearing_rad", 0.1, "target_distance_m", 1.5, "label", "person"),
                    "rules R2 approach: person at 2.50 m bearing 0.10 rad, stopping at 1.50 m (vision seq 22)"),
            new Case("R1 counts an estimated distance", scene(vision(23, new Detection("cup", 0.8, 0.2, 0, 0.1,
                    Map.of(Detection.DISTANCE_METHOD, "box_height"))), lidar(24, person(3.0, 0))), "stop",
                    Map.of("cause", "obstacle", "distance_m", 0.2, "bearing_rad", 0.0, "label", "cup"), null),
            new Case("R2 nearest person, obstacles aside", scene(lidar(13, obstacle(1.0, 0), person(4.0, 1.0),
                    person(2.5, -0.2))), "approach",
                    Map.of("distance_m", 2.5, "bearing_rad", -0.2, "target_distance_m", 1.5, "label", "person"), null),
            none("R2 ignores an unconfident person", scene(lidar(14, new Detection("person", 0.3, 2.0, 0, 0.4)))),
            none("R3 obstacles only", scene(lidar(15, obstacle(1.0, 0), obstacle(4.0, 2.0)))),
            none("a NaN distance is no fact", scene(lidar(16, obstacle(Double.NaN, 0), person(Double.NaN, 0)))),
            new Case("reason names the percept when the robot sent no seq",
                    scene(new Observation("r1", "lidar", "sensor", 17, -1, 0, 0, List.of(obstacle(0.1, 0)))),
                    "stop", Map.of("cause", "obstacle", "distance_m", 0.1, "bearing_rad", 0.0, "label", "obstacle"),
                    "rules R1 stop: obstacle at 0.10 m bearing 0.00 rad (lidar percept 17)"));

    private final RulesEngine engine = new RulesEngine(Configs.defaults(RulesConfig.class));

    @Test
    public void decidesEachSceneAsDocumented() {
        List<String> failures = new ArrayList<>();
        for (Case c : CASES) {
            List<Action> actions = engine.decide(c.scene);
            String got = actions.isEmpty() ? "nothing" : actions.toString();
            if (c.type == null) {
                if (!actions.isEmpty()) {
                    failures.add(c.name + ": expected nothing, got " + got);
                }
                continue;
            }
            if (actions.size() != 1 || !actions.get(0).type().equals(c.type)) {
                failures.add(c.name + ": expected one " + c.type + ", got " + got);
                continue;
            }
            Action action = actions.get(0);
            if (!sameParameters(c.parameters, action.parameters())) {
                failures.add(c.name + ": expected parameters " + c.parameters + ", got " + action.parameters());
            }
            if (c.reason != null && !c.reason.equals(action.reason())) {
                failures.add(c.name + ": expected reason '" + c.reason + "', got '" + action.reason() + "'");
            }
        }
        assertTrue(String.join("\n", failures), failures.isEmpty());
    }

    private static boolean sameParameters(Map<String, Object> expected, Map<String, Object> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Object value = actual.get(e.getKey());
            boolean same = e.getValue() instanceof Double d
                    ? value instanceof Double v && Math.abs(d - v) < EPS
                    : e.getValue().equals(value);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** An utterance as the language module reports it: non-spatial, labelled with its intent. */
    private static Observation text(long seq, String intent, String sentence) {
        return new Observation("r1", "text", "language", 3000 + seq, seq, 0, 0,
                List.of(Detection.nonSpatial(intent, 1.0, Map.of("text", sentence))));
    }

    @Test
    public void callForHelpWithAPersonInReachIsApproachedAndAnswered() {
        List<Action> actions = engine.decide(scene(text(5, "help", "help me"), lidar(812, person(3.0, 0.3))));

        assertEquals(List.of("approach", "speak"), actions.stream().map(Action::type).toList());
        assertEquals(2.0, (Double) actions.get(0).parameters().get("target_distance_m"), EPS);
        Action speak = actions.get(1);
        assertEquals(Map.of("text", "I am coming to help you.", "in_reply_to", "help me", "label", "help"),
                speak.parameters());
        assertEquals("rules R2 speak: help asked \"help me\" (text seq 5), person at 3.00 m (lidar seq 812)",
                speak.reason());
        assertEquals("both come from one scene", actions.get(0).sceneSequence(), speak.sceneSequence());
        assertEquals(new Provenance("rules", List.of(new RuleUse("R2", 1, 1, 0, 0)), List.of(
                new FactUse("help", "text", "language", 3005, 5, "help", 1.0, "help \"help me\""),
                new FactUse("person", "lidar", "sensor", 1812, 812, "person", 0.9,
                        "person at 3.00 m bearing 0.30 rad"))), speak.provenance());
    }

    @Test
    public void callForHelpFromNobodySeenIsAnsweredOnly() {
        for (Scene scene : List.of(scene(text(6, "help", "help")),
                scene(text(7, "help", "help me"), lidar(9, person(9.0, 0))),
                scene(text(8, "help", "help me"), lidar(10, new Detection("person", 0.2, 2.0, 0, 0.4))))) {
            List<Action> actions = engine.decide(scene);
            assertEquals(scene.toString(), List.of("speak"), actions.stream().map(Action::type).toList());
            assertEquals("I hear you, but I cannot see you. Where are you?", actions.get(0).parameters().get("text"));
            assertTrue(actions.get(0).reason(), actions.get(0).reason().endsWith(", no person within reach"));
        }
    }

    @Test
    public void stopWinsOverACallForHelpAndOtherIntentsAreNoCall() {
        assertEquals(List.of("stop"), engine.decide(scene(text(1, "help", "help me"), lidar(2, obstacle(0.2, 0))))
                .stream().map(Action::type).toList());
        // Before issue 13 "follow me" fell through to R2 (approach) and an unknown sentence got no answer.
        assertEquals(List.of("follow"), engine.decide(scene(text(3, "follow", "follow me"),
                lidar(4, person(3.0, 0)))).stream().map(Action::type).toList());
        assertEquals(List.of("speak"), engine.decide(scene(text(5, "unknown", "help the old fence")))
                .stream().map(Action::type).toList());
        assertEquals(List.of("approach"), engine.decide(scene(lidar(4, person(3.0, 0)), text(3, "follow", "follow me")))
                .stream().map(Action::type).toList());
    }

    /** A sentence as the language module reports it, with its slots. */
    private static Observation command(long seq, String intent, String sentence, String... slots) {
        Map<String, String> attributes = new HashMap<>(Map.of("text", sentence));
        for (int i = 0; i < slots.length; i += 2) {
            attributes.put(slots[i], slots[i + 1]);
        }
        return new Observation("r1", "text", "language", 3000 + seq, seq, 0, 0,
                List.of(Detection.nonSpatial(intent, 1.0, attributes)));
    }

    @Test
    public void aCommandActsOnlyOnTheSceneItsUtteranceTriggered() {
        Observation move = command(40, "move", "move forward", "direction", "forward");
        Observation scan = lidar(41, obstacle(3.0, 0));

        assertEquals(List.of("move"), engine.decide(new Scene("r1", 1, 0, List.of(scan, move), move))
                .stream().map(Action::type).toList());
        assertTrue("a later scan's scene still holds the sentence, but does not repeat it",
                engine.decide(new Scene("r1", 2, 0, List.of(scan, move), scan)).isEmpty());
        assertEquals("nor does it stop R2", List.of("approach"), engine.decide(new Scene("r1", 3, 0,
                List.of(lidar(42, person(3.0, 0)), command(43, "stop", "stop")), lidar(42, person(3.0, 0))))
                .stream().map(Action::type).toList());
    }

    @Test
    public void aSpokenStopIsStopWithTheUtteranceAsItsFact() {
        Action stop = engine.decide(scene(command(50, "stop", "stop"), lidar(51, person(3.0, 0)))).get(0);

        assertEquals(Map.of("cause", "command", "in_reply_to", "stop", "label", "command"), stop.parameters());
        assertEquals("rules R5 stop: stop asked \"stop\" (text seq 50)", stop.reason());
        assertEquals(new Provenance("rules", List.of(new RuleUse("R5", 1, 1, 0, 0)), List.of(
                new FactUse("stop", "text", "language", 3050, 50, "stop", 1.0, "stop \"stop\""))),
                stop.provenance());
    }

    @Test
    public void aStopTheLanguageModuleIsUnsureOfStillStops() {
        Action stop = engine.decide(scene(command(52, "unknown", "stop the old fence", "best_intent", "stop")))
                .get(0);
        assertEquals("stop", stop.type());
        assertEquals("command", stop.parameters().get("cause"));
        assertEquals("rules R5 stop: unknown asked \"stop the old fence\" (text seq 52), though not sure of it",
                stop.reason());
    }

    @Test
    public void anObstacleStopHeardWithASpokenStopNamesBoth() {
        Action stop = engine.decide(scene(command(53, "stop", "halt"), lidar(54, obstacle(0.3, 0.1)))).get(0);

        assertEquals(Map.of("cause", "obstacle", "distance_m", 0.3, "bearing_rad", 0.1, "label", "obstacle"),
                stop.parameters());
        assertEquals("rules R1 stop: obstacle at 0.30 m bearing 0.10 rad (lidar seq 54), and stop asked \"halt\""
                + " (text seq 53)", stop.reason());
        assertEquals("the coordinator latches on the fact with role stop", List.of("obstacle", "stop"),
                stop.provenance().facts().stream().map(FactUse::role).toList());
        assertEquals(List.of("obstacle"), engine.decide(scene(lidar(55, obstacle(0.3, 0.1)), command(53, "stop",
                "halt"))).get(0).provenance().facts().stream().map(FactUse::role).toList());
    }

    @Test
    public void resumeIsAnsweredAndNamedInTheProvenance() {
        Action resume = engine.decide(scene(command(60, "resume", "go on"))).get(0);

        assertEquals(Map.of("text", "Resuming.", "in_reply_to", "go on", "label", "confirm"), resume.parameters());
        assertEquals("rules R6 speak: resume asked \"go on\" (text seq 60)", resume.reason());
        assertEquals(List.of("resume"), resume.provenance().facts().stream().map(FactUse::role).toList());
        assertEquals("R6", resume.provenance().rules().get(0).rule());
    }

    @Test
    public void aThingSeenIsTheTargetWithItsObservationInTheProvenance() {
        Observation cup = vision(70, new Detection("cup", 0.8, 1.2, 0.5, 0.1,
                Map.of(Detection.DISTANCE_METHOD, "box_height")));
        Action pick = engine.decide(scene(command(71, "pick", "pick up the cup", "object", "cup"), cup)).get(0);

        assertEquals(Map.of("object", "cup", "label", "cup", "distance_m", 1.2, "bearing_rad", 0.5),
                pick.parameters());
        assertEquals("rules R8 pick: pick asked \"pick up the cup\" (text seq 71), cup at 1.20 m bearing 0.50 rad"
                + " (vision seq 70)", pick.reason());
        assertEquals(List.of(new FactUse("pick", "text", "language", 3071, 71, "pick", 1.0,
                "pick \"pick up the cup\""), new FactUse("object", "vision", "vision", 2070, 70, "cup", 0.8,
                        "cup at 1.20 m bearing 0.50 rad (estimated: box_height)")), pick.provenance().facts());
    }

    @Test
    public void aDescriptionNamesTheThingsItTellsOfAsFacts() {
        Action describe = engine.decide(scene(command(75, "describe", "what do you see"),
                lidar(76, obstacle(3.0, 0), person(2.0, 0.1)))).get(0);

        assertEquals("I see a person at 2.0 m and an obstacle at 3.0 m.", describe.parameters().get("text"));
        assertEquals(List.of("describe", "seen", "seen"),
                describe.provenance().facts().stream().map(FactUse::role).toList());
        assertEquals("rules R10 speak: describe asked \"what do you see\" (text seq 75), 2 of 2 things seen",
                describe.reason());
    }

    @Test
    public void itIsRememberedPerRobotAndForgottenPastTheBound() {
        RulesEngine small = new RulesEngine(Configs.of(RulesConfig.class, Map.of("rememberedRobots", 1)));
        small.decide(scene(command(80, "find", "find the ball", "object", "ball")));
        assertEquals("ball", small.decide(scene(command(81, "find", "find it", "object", "it"))).get(0)
                .parameters().get("object"));
        Observation other = new Observation("r2", "text", "language", 82, 82, 0, 0, List.of(Detection.nonSpatial(
                "find", 1.0, Map.of("text", "find the cup", "object", "cup"))));
        small.decide(new Scene("r2", 1, 0, List.of(other), other));
        assertEquals("r1 was forgotten for r2", "it", small.decide(scene(command(83, "find", "find it", "object",
                "it"))).get(0).parameters().get("object"));
    }

    @Test
    public void actionsCarryIdsAndTheSceneAndTriggerSequences() {
        Observation trigger = lidar(900);
        Observation older = vision(31, person(2.0, 0.1));
        Scene scene = new Scene("r7", 4242, 0, List.of(trigger, older), trigger);

        Action first = engine.decide(scene).get(0);
        Action second = engine.decide(scene).get(0);

        assertEquals("r7", first.robotId());
        assertEquals(4242, first.sceneSequence());
        assertEquals("the trigger's, not the detection's observation", 900, first.sourceSequence());
        assertEquals(first.actionId(), UUID.fromString(first.actionId()).toString());
        assertNotEquals(first.actionId(), second.actionId());
        assertTrue(first.reason().endsWith("(vision seq 31)"));
    }

    @Test
    public void sourceSequenceIsMinusOneWithoutTrigger() {
        Scene scene = new Scene("r1", 1, 0, List.of(lidar(3, obstacle(0.2, 0))), null);
        assertEquals(-1, engine.decide(scene).get(0).sourceSequence());
    }

    @Test
    public void defaultsAreTheDocumentedOnes() {
        assertEquals(new RulesOptions(0.5, 5.0, 1.0, 0.5, "I am coming to help you.",
                "I hear you, but I cannot see you. Where are you?", "Resuming.", "Hello.", "I cannot see {thing}.",
                "Did you say: {text}?", "Sorry, I did not understand: {text}.", "I see nothing.", 5, 10000),
                RulesOptions.from(Configs.defaults(RulesConfig.class)));
    }

    @Test
    public void refusesParametersOutsideTheirBounds() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("stopDistanceM", 0.0),
                Map.of("approachMaxDistanceM", 1000.0), Map.of("standoffM", -1.0),
                Map.of("approachMinConfidence", Double.NaN), Map.of("helpReply", " "),
                Map.of("helpUnseenReply", "x".repeat(201)), Map.of("resumeReply", ""), Map.of("greetReply", " "),
                Map.of("unseenReply", "x".repeat(201)), Map.of("confirmReply", "\t"), Map.of("unknownReply", ""),
                Map.of("describeNothingReply", " "), Map.of("describeMaxThings", 0),
                Map.of("rememberedRobots", 1_000_001))) {
            try {
                RulesOptions.from(Configs.of(RulesConfig.class, bad));
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                String key = bad.keySet().iterator().next();
                assertTrue(e.getMessage(), e.getMessage().startsWith("org.cogos.rules." + key + " = "));
            }
        }
    }

    @Test
    public void liveParameterChangeTakesEffectAndABadOneIsIgnored() {
        Scene obstacleAt1m = scene(lidar(1, obstacle(1.0, 0)));
        assertTrue(engine.decide(obstacleAt1m).isEmpty());

        engine.modified(Configs.of(RulesConfig.class, Map.of("stopDistanceM", 1.5)));
        assertEquals("stop", engine.decide(obstacleAt1m).get(0).type());

        engine.modified(Configs.of(RulesConfig.class, Map.of("stopDistanceM", -3.0)));
        assertEquals("stop", engine.decide(obstacleAt1m).get(0).type());
    }
}
