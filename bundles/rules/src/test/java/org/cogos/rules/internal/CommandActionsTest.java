package org.cogos.rules.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.Scene;
import org.cogos.harness.Configs;
import org.cogos.language.internal.LanguageConfig;
import org.cogos.language.internal.LanguageModule;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Every row of command-actions.tsv: the sentence through the real language module (its models, its defaults), the
 * detection it makes as the trigger of a scene with what the row says is seen, and the rules engine's decision.
 * The table must hold every utterance of the language module's own command table, so a command added there without
 * an expected action fails here. (The language bundle is a test dependency: build with {@code -am} so that this runs
 * against the language module of the same tree.)
 */
public class CommandActionsTest {

    private static final double EPS = 1e-6;
    private static final Path LANGUAGE_COMMANDS =
            Path.of("../language/src/test/resources/org/cogos/language/internal/commands.tsv");

    private static LanguageModule language;
    private static int percepts;

    @BeforeClass
    public static void activate() {
        language = new LanguageModule(Configs.defaults(LanguageConfig.class));
    }

    /** One row of the table. */
    private record Row(int line, String utterance, String before, String seen, String expected) {
    }

    @Test
    public void everyCommandDecidesItsDocumentedActions() throws Exception {
        List<String> failures = new ArrayList<>();
        List<Row> rows = table();
        for (Row row : rows) {
            RulesEngine engine = new RulesEngine(Configs.defaults(RulesConfig.class));
            String robot = "r" + row.line;
            if (!row.before.equals("-")) {
                engine.decide(heard(robot, row.before, List.of()));
            }
            Scene scene = heard(robot, row.utterance, seen(robot, row.seen));
            String problem = compare(expected(row.expected), engine.decide(scene), scene.trigger());
            if (problem != null) {
                failures.add("line " + row.line + " '" + row.utterance + "': " + problem);
            }
        }
        assertTrue(failures.size() + " of " + rows.size() + " rows wrong:\n" + String.join("\n", failures),
                failures.isEmpty());
    }

    @Test
    public void theTableCoversEveryCommandOfTheLanguageModule() throws Exception {
        Set<String> covered = new LinkedHashSet<>();
        table().forEach(row -> covered.add(row.utterance));
        List<String> missing = new ArrayList<>();
        int commands = 0;
        for (String line : Files.readAllLines(LANGUAGE_COMMANDS, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            commands++;
            String utterance = line.split("\t")[0];
            if (!covered.contains(utterance)) {
                missing.add(utterance);
            }
        }
        assertTrue("the language table has its commands: " + commands, commands >= 79);
        assertEquals("commands of " + LANGUAGE_COMMANDS + " without an expected action", List.of(), missing);
    }

    /** The scene the sentence triggers: its text observation first, then what is seen. */
    private static Scene heard(String robot, String utterance, List<Observation> seen) throws Exception {
        int seq = ++percepts;
        Observation text = language.process(new Percept(robot, "text", seq, 0, 0,
                ("{\"seq\":" + seq + ",\"text\":\"" + utterance + "\"}").getBytes(StandardCharsets.UTF_8)));
        List<Observation> observations = new ArrayList<>();
        observations.add(text);
        observations.addAll(seen);
        return new Scene(robot, seq, 0, observations, text);
    }

    /** {@code vision:cup@1.2/0.52{colour=red};lidar:person@3/0}: one observation per modality. */
    private static List<Observation> seen(String robot, String spec) {
        if (spec.equals("-")) {
            return List.of();
        }
        Map<String, List<Detection>> byModality = new TreeMap<>();
        for (String item : spec.split(";")) {
            int colon = item.indexOf(':');
            int at = item.indexOf('@');
            int slash = item.indexOf('/', at);
            int brace = item.indexOf('{');
            int end = brace < 0 ? item.length() : brace;
            Map<String, String> attributes = new HashMap<>();
            if (brace >= 0) {
                for (String pair : item.substring(brace + 1, item.length() - 1).split(",")) {
                    String[] kv = pair.split("=", 2);
                    attributes.put(kv[0], kv[1]);
                }
            }
            byModality.computeIfAbsent(item.substring(0, colon), m -> new ArrayList<>()).add(new Detection(
                    item.substring(colon + 1, at), 0.9, Double.parseDouble(item.substring(at + 1, slash)),
                    Double.parseDouble(item.substring(slash + 1, end)), 0.3, attributes));
        }
        List<Observation> observations = new ArrayList<>();
        byModality.forEach((modality, detections) -> observations.add(new Observation(robot, modality,
                modality.equals("lidar") ? "sensor" : modality, 100 + observations.size(), 100 + observations.size(),
                0, 0, detections)));
        return observations;
    }

    /** An expected action: its type and parameters. */
    private record Expected(String type, Map<String, String> parameters) {
    }

    private static List<Expected> expected(String spec) {
        List<Expected> actions = new ArrayList<>();
        for (String action : spec.split(" \\+ ")) {
            int brace = action.indexOf('{');
            Map<String, String> parameters = new LinkedHashMap<>();
            String body = action.substring(brace + 1, action.length() - 1);
            if (!body.isEmpty()) {
                for (String pair : body.split(";")) {
                    String[] kv = pair.split("=", 2);
                    parameters.put(kv[0], kv[1]);
                }
            }
            actions.add(new Expected(action.substring(0, brace), parameters));
        }
        return actions;
    }

    /**
     * Null when the actions are the expected ones. Besides the listed parameters, every speak and every stop for a
     * command must carry {@code in_reply_to}: the text of a sentence heard.
     */
    private static String compare(List<Expected> expected, List<Action> actions, Observation heard) {
        List<String> types = actions.stream().map(Action::type).toList();
        if (!types.equals(expected.stream().map(Expected::type).toList())) {
            return "expected " + expected + ", got " + actions;
        }
        Set<String> sentences = new LinkedHashSet<>();
        heard.detections().forEach(d -> sentences.add(d.attributes().get("text")));
        for (int i = 0; i < actions.size(); i++) {
            Map<String, Object> actual = new LinkedHashMap<>(actions.get(i).parameters());
            Expected e = expected.get(i);
            if (e.type.equals("speak") || "command".equals(actual.get("cause"))) {
                Object reply = actual.remove("in_reply_to");
                if (!sentences.contains(reply)) {
                    return e.type + " replies to '" + reply + "', not to a sentence of " + sentences;
                }
            }
            if (!same(e.parameters, actual)) {
                return "expected " + e + ", got " + actions.get(i).parameters() + " (" + actions.get(i).reason()
                        + ")";
            }
        }
        return null;
    }

    private static boolean same(Map<String, String> expected, Map<String, Object> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return false;
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Object value = actual.get(e.getKey());
            boolean same = value instanceof Double d ? Math.abs(d - Double.parseDouble(e.getValue())) < EPS
                    : e.getValue().equals(value);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CommandActionsTest.class.getResourceAsStream("command-actions.tsv"), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t");
                assertEquals(line, 4, row.length);
                rows.add(new Row(number, row[0], row[1], row[2], row[3]));
            }
        }
        return rows;
    }
}
