package org.cogos.reasoning.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Scene;
import org.cogos.harness.Configs;
import org.cogos.language.internal.LanguageConfig;
import org.cogos.language.internal.LanguageModule;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The command vocabulary of docs/actions.md decided by RaBAB's behaviours: every utterance of the language
 * module's command table, parsed by the real language module, in a scene of what the robot sees, against the
 * actions of command-actions.tsv; then the rules every command follows (once, stop first, things not seen), and
 * a command behaviour changed at run time the way {@code rabab:evolve} changes it.
 */
public class CommandBehavioursTest {

    /** The language module's table, read where it lives so that both stay one table. */
    static final Path COMMANDS = Path.of("../language/src/test/resources/org/cogos/language/internal/commands.tsv");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private static LanguageModule language;

    @Rule
    public final TemporaryFolder data = new TemporaryFolder();

    private long sequence;

    @BeforeClass
    public static void loadLanguage() {
        language = new LanguageModule(Configs.defaults(LanguageConfig.class));
    }

    private RababComponent rabab() throws Exception {
        return new RababComponent(Configs.of(ReasoningConfig.class, Map.of("dataDir", data.getRoot().toString())),
                null);
    }

    /** What the language module makes of an utterance, as the coordinator hands it on. */
    private Observation heard(String robot, String utterance) throws PerceptException {
        long seq = ++sequence;
        String json = "{\"text\":\"" + utterance.replace("\"", "\\\"") + "\"}";
        return language.process(new Percept(robot, "text", seq, 0, 0, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** An utterance as the language module would emit it, for intents it does not parse yet ("go on"). */
    private Observation said(String robot, String intent, double confidence, Map<String, String> attributes) {
        long seq = ++sequence;
        return new Observation(robot, "text", "language", seq, seq, 0, 0,
                List.of(Detection.nonSpatial(intent, confidence, attributes)));
    }

    private Observation lidar(String robot, Detection... detections) {
        long seq = ++sequence;
        return new Observation(robot, "lidar", "sensor", seq, seq, 0, 0, List.of(detections));
    }

    private Scene scene(Observation trigger, Observation... others) {
        List<Observation> all = new ArrayList<>(List.of(others));
        all.add(0, trigger);
        return new Scene(trigger.robotId(), ++sequence, 0, all, trigger);
    }

    /** {@code camera cup/red@1.2,0.5; lidar person@3,0.1}: camera things are estimated, LIDAR ones measured. */
    private List<Observation> seen(String robot, String spec) {
        List<Observation> observations = new ArrayList<>();
        if (spec.equals("-")) {
            return observations;
        }
        Map<String, List<Detection>> byModality = new LinkedHashMap<>();
        for (String thing : spec.split(";\\s*")) {
            String[] modalityAndRest = thing.strip().split(" ", 2);
            String[] labelAndPlace = modalityAndRest[1].split("@");
            String[] labelAndColour = labelAndPlace[0].split("/");
            String[] place = labelAndPlace[1].split(",");
            boolean camera = modalityAndRest[0].equals("camera");
            Map<String, String> attributes = new LinkedHashMap<>();
            if (camera) {
                attributes.put(Detection.DISTANCE_METHOD, "box_height");
            }
            if (labelAndColour.length > 1) {
                attributes.put("colour", labelAndColour[1]);
            }
            byModality.computeIfAbsent(modalityAndRest[0], m -> new ArrayList<>()).add(new Detection(
                    labelAndColour[0], camera ? 0.7 : 0.9, Double.parseDouble(place[0]),
                    Double.parseDouble(place[1]), 0.3, attributes));
        }
        byModality.forEach((modality, detections) -> observations.add(new Observation(robot, modality,
                modality.equals("camera") ? "vision" : "sensor", ++sequence, sequence, 0, 0, detections)));
        return observations;
    }

    private static List<String[]> rows(InputStream in) throws IOException {
        List<String[]> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    /** {@code move direction=forward; distance_m=2 | speak text=...}: type, then parameters. */
    private static List<Map.Entry<String, Map<String, String>>> expected(String spec) {
        List<Map.Entry<String, Map<String, String>>> actions = new ArrayList<>();
        for (String action : spec.split(" \\| ")) {
            String[] typeAndParameters = action.strip().split(" ", 2);
            Map<String, String> parameters = new LinkedHashMap<>();
            if (typeAndParameters.length > 1) {
                for (String parameter : typeAndParameters[1].split("; ")) {
                    String[] kv = parameter.split("=", 2);
                    parameters.put(kv[0], kv[1]);
                }
            }
            actions.add(Map.entry(typeAndParameters[0], parameters));
        }
        return actions;
    }

    /** @return what differs, or null: numbers to 1e-6 (the table's precision), the rest as text */
    private static String difference(List<Map.Entry<String, Map<String, String>>> expected, List<Action> actual) {
        List<String> types = actual.stream().map(Action::type).toList();
        if (!types.equals(expected.stream().map(Map.Entry::getKey).toList())) {
            return "actions " + types + " " + actual.stream().map(Action::parameters).toList();
        }
        for (int i = 0; i < expected.size(); i++) {
            Map<String, String> want = expected.get(i).getValue();
            Map<String, Object> got = actual.get(i).parameters();
            if (!want.keySet().equals(got.keySet())) {
                return types.get(i) + " parameters " + got;
            }
            for (Map.Entry<String, String> parameter : want.entrySet()) {
                Object value = got.get(parameter.getKey());
                boolean same = value instanceof Number number && NUMBER.matcher(parameter.getValue()).matches()
                        ? Math.abs(number.doubleValue() - Double.parseDouble(parameter.getValue())) <= 1e-6
                        : parameter.getValue().equals(String.valueOf(value));
                if (!same) {
                    return types.get(i) + " " + parameter.getKey() + " = " + value;
                }
            }
        }
        return null;
    }

    @Test
    public void everyCommandOfTheLanguageTableBecomesItsDocumentedActions() throws Exception {
        List<String[]> commands;
        try (InputStream in = Files.newInputStream(COMMANDS)) {
            commands = rows(in);
        }
        Map<String, String[]> expectations = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("command-actions.tsv")) {
            for (String[] row : rows(in)) {
                expectations.put(row[0], row);
            }
        }
        assertEquals("command-actions.tsv has a row for every command of the language table and no other",
                commands.stream().map(row -> row[0]).toList(), List.copyOf(expectations.keySet()));

        RababComponent rabab = rabab();
        List<String> failures = new ArrayList<>();
        int row = 0;
        for (String[] command : commands) {
            String robot = "row-" + ++row; // a robot of its own: no earlier command for "it" to refer to
            String[] expectation = expectations.get(command[0]);
            Observation utterance = heard(robot, command[0]);
            assertEquals(command[0], command[1], utterance.detections().get(0).label());
            List<Action> actions = rabab.decide(scene(utterance,
                    seen(robot, expectation[1]).toArray(Observation[]::new)));
            String difference = difference(expected(expectation[2]), actions);
            if (difference != null) {
                failures.add(command[0] + ": " + difference);
            }
            for (Action action : actions) {
                assertEquals("rabab", action.provenance().engine());
                assertTrue(command[0] + ": the utterance is in the provenance of " + action.type(),
                        action.provenance().facts().stream().anyMatch(f -> f.modality().equals("text")
                                && f.perceptSequence() == utterance.perceptSequence()));
            }
        }
        assertTrue(failures.size() + " of " + commands.size() + " commands:\n" + String.join("\n", failures),
                failures.isEmpty());
    }

    @Test
    public void aCommandActsOnlyOnTheSceneItsUtteranceTriggered() throws Exception {
        RababComponent rabab = rabab();
        Observation turn = heard("r1", "turn left");
        assertEquals(List.of("turn"), rabab.decide(scene(turn)).stream().map(Action::type).toList());
        Observation scan = lidar("r1", new Detection("wall", 0.9, 4, 0, 2));
        assertTrue("a LIDAR scene still holding the utterance does not turn again",
                rabab.decide(scene(scan, turn)).isEmpty());
        Observation stop = heard("r1", "stop");
        assertTrue("nor stop again", rabab.decide(scene(lidar("r1", new Detection("wall", 0.9, 4, 0, 2)), stop))
                .isEmpty());
    }

    @Test
    public void stopComesBeforeOtherCommandsAndTheObstacleStopBeforeBoth() throws Exception {
        RababComponent rabab = rabab();
        Observation stopThenMove = heard("r1", "Stop. Move forward two meters.");
        assertEquals("two sentences, two intents", 2, stopThenMove.detections().size());
        List<Action> spoken = rabab.decide(scene(stopThenMove));
        assertEquals("the stop has the base; the move waits for the next command", List.of("stop"),
                spoken.stream().map(Action::type).toList());
        assertEquals(Map.of("cause", "command", "in_reply_to", "Stop.", "label", "command"), spoken.get(0).parameters());
        assertEquals("stop_commanded", spoken.get(0).provenance().rules().get(0).rule());

        Observation obstacle = lidar("r1", new Detection("obstacle", 1, 0.3, -0.1, 0.2));
        List<Action> both = rabab.decide(scene(heard("r1", "halt"), obstacle));
        assertEquals("an obstacle stop, then the spoken one (the coordinator latches on it)",
                List.of(Map.of("cause", "obstacle", "distance_m", 0.3, "bearing_rad", -0.1, "label", "obstacle"),
                        Map.of("cause", "command", "in_reply_to", "halt", "label", "command")),
                both.stream().map(Action::parameters).toList());
        FactUse stoppedBy = both.get(1).provenance().facts().get(0);
        assertEquals("which fact stopped the robot", "text/stop \"halt\"", stoppedBy.modality() + "/"
                + stoppedBy.statement());

        List<Action> moveIntoObstacle = rabab.decide(scene(heard("r1", "move forward one meter"), obstacle));
        assertEquals(List.of("stop"), moveIntoObstacle.stream().map(Action::type).toList());
        assertEquals("obstacle", moveIntoObstacle.get(0).parameters().get("cause"));
    }

    @Test
    public void aThingNotSeenIsAnsweredAndTheNearestOfItsColourIsTaken() throws Exception {
        RababComponent rabab = rabab();
        Observation cups = seen("r1", "camera cup/blue@0.8,0.1; camera cup/red@1.6,-0.4; camera cup@2.4,0.3")
                .get(0);
        List<Action> red = rabab.decide(scene(heard("r1", "pick up the red cup"), cups));
        assertNull("the red cup, not the nearer blue one", difference(expected("pick object=cup; colour=red; "
                + "bearing_rad=-0.4; distance_m=1.6"), red));
        assertEquals("the cup bound is in the provenance", "cup at 1.60 m bearing -0.40 rad (estimated: box_height)",
                red.get(0).provenance().facts().get(1).statement());
        List<Action> green = rabab.decide(scene(heard("r1", "pick up the green cup"), cups));
        assertEquals("a cup of no known colour may be the green one", 2.4,
                (Double) green.get(0).parameters().get("distance_m"), 1e-9);

        Observation onlyBlue = seen("r1", "camera cup/blue@0.8,0.1").get(0);
        List<Action> unseen = rabab.decide(scene(heard("r1", "pick up the red cup"), onlyBlue));
        assertEquals(List.of(Map.of("text", "I cannot see a red cup.", "in_reply_to", "pick up the red cup",
                "label", "unseen")), unseen.stream().map(Action::parameters).toList());
        assertEquals("speak", unseen.get(0).type());
        assertEquals(List.of(Map.of("text", "I cannot see you.", "in_reply_to", "follow me", "label", "unseen")),
                rabab.decide(scene(heard("r1", "follow me"), onlyBlue)).stream().map(Action::parameters).toList());
    }

    @Test
    public void itIsTheObjectOfTheRobotsPreviousCommand() throws Exception {
        RababComponent rabab = rabab();
        rabab.decide(scene(heard("r1", "pick up the red cup")));
        assertEquals(List.of(Map.of("object", "cup", "colour", "red", "location", "kitchen")),
                rabab.decide(scene(heard("r1", "bring it to the kitchen"))).stream().map(Action::parameters)
                        .toList());
        assertEquals("another robot had no such command", "unknown", rabab.decide(scene(heard("r2",
                "bring it to the kitchen"))).get(0).parameters().get("label"));
    }

    @Test
    public void resumeIsConfirmedWithTheRoleTheCoordinatorUnlatchesOn() throws Exception {
        RababComponent rabab = rabab();
        List<Action> actions = rabab.decide(scene(said("r1", "resume", 0.9, Map.of("verb", "go", "text", "go on"))));
        assertEquals(List.of(Map.of("text", "Resuming.", "in_reply_to", "go on", "label", "confirm")),
                actions.stream().map(Action::parameters).toList());
        assertEquals(List.of("resume"), actions.get(0).provenance().facts().stream().map(FactUse::role).toList());
        assertEquals("resume_requested", actions.get(0).provenance().rules().get(0).rule());

        List<Action> emergency = rabab.decide(scene(said("r1", "stop", 1, Map.of("verb", "stop",
                "text", "emergency stop"))));
        assertEquals(List.of(Map.of("cause", "command", "in_reply_to", "emergency stop", "label", "command")),
                emergency.stream().map(Action::parameters).toList());
    }

    @Test
    public void anUnsureIntentIsAskedAboutAndNoiseIsAnswered() throws Exception {
        RababComponent rabab = rabab();
        List<Action> unsure = rabab.decide(scene(said("r1", "unknown", 0.4, Map.of("best_intent", "wait",
                "text", "wait thirty three second"))));
        assertEquals(List.of(Map.of("text", "Did you say: wait thirty three second?",
                "in_reply_to", "wait thirty three second", "label", "confirm")),
                unsure.stream().map(Action::parameters).toList());
        List<Action> noise = rabab.decide(scene(heard("r1", "The weather was lovely yesterday afternoon.")));
        assertEquals(List.of("speak"), noise.stream().map(Action::type).toList());
        assertEquals("Sorry, I did not understand: The weather was lovely yesterday afternoon.",
                noise.get(0).parameters().get("text"));
        assertEquals("unknown", noise.get(0).parameters().get("label"));
    }

    @Test
    public void aStopTheParserIsUnsureOfStillStops() throws Exception {
        RababComponent rabab = rabab();
        List<Action> stop = rabab.decide(scene(said("r1", "unknown", 0.4, Map.of("best_intent", "stop",
                "text", "stop it all"))));
        assertEquals(List.of(Map.of("cause", "command", "in_reply_to", "stop it all", "label", "command")),
                stop.stream().map(Action::parameters).toList());
    }

    @Test
    public void evolvingACommandsRuleChangesWhatTheRobotIsTold() throws Exception {
        RababComponent rabab = rabab();
        assertEquals(List.of("move"), rabab.decide(scene(heard("r1", "walk forward twenty five meters"))).stream()
                .map(Action::type).toList());

        rabab.evolvePredicate("move_commanded(i: Intent) := commanded(i) and i.name == \"move\" and i.unit == \"m\""
                + " and i.quantity <= 10");
        List<Action> tooFar = rabab.decide(scene(heard("r1", "walk forward twenty five meters")));
        assertEquals("no longer a move the robot makes: answered instead", List.of("speak"),
                tooFar.stream().map(Action::type).toList());
        assertEquals("unknown", tooFar.get(0).parameters().get("label"));
        List<Action> near = rabab.decide(scene(heard("r1", "move forward two meters")));
        assertEquals("move_commanded", near.get(0).provenance().rules().get(0).rule());
        assertEquals(2, near.get(0).provenance().rules().get(0).version());

        rabab.evolvePredicate("stop_commanded(i: Intent) := (i.name == \"stop\" or i.name == \"wait\") and i.fresh");
        List<Action> waitStops = rabab.decide(scene(heard("r1", "wait")));
        assertEquals("wait is now a stop too, and a stop has the base", List.of("stop"),
                waitStops.stream().map(Action::type).toList());
    }
}
