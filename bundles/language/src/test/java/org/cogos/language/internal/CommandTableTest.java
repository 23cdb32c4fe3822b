package org.cogos.language.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.harness.Configs;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Every command of the committed table (commands.tsv) through the real models and the module's defaults. */
public class CommandTableTest {

    private static final String[] PARSE_ATTRIBUTES = {"sentence", "text", "tokens", "pos", "lemmas", "language",
        "language_confidence"};

    private static LanguageModule module;

    @BeforeClass
    public static void activate() {
        module = new LanguageModule(Configs.defaults(LanguageConfig.class));
    }

    @AfterClass
    public static void deactivate() {
        module.deactivate();
    }

    @Test
    public void everyCommandParsesIntoItsIntentAndSlots() throws Exception {
        List<String> failures = new ArrayList<>();
        int rows = 0;
        for (String[] row : table()) {
            rows++;
            String utterance = row[0];
            Observation observation = module.process(new Percept("r1", "text", rows, 0, 0,
                    ("{\"text\":\"" + utterance + "\"}").getBytes(StandardCharsets.UTF_8)));
            assertEquals(utterance, 1, observation.detections().size());
            Detection d = observation.detections().get(0);
            Map<String, String> slots = new LinkedHashMap<>(d.attributes());
            for (String parse : PARSE_ATTRIBUTES) {
                assertTrue(utterance + " lacks " + parse, slots.remove(parse) != null);
            }
            Map<String, String> expected = slots(row[2]);
            if (!d.label().equals(row[1]) || !slots.equals(expected)) {
                failures.add(utterance + ": expected " + row[1] + " " + expected + ", got " + d.label() + " "
                        + slots + " (confidence " + d.confidence() + ", pos " + d.attributes().get("pos") + ")");
            }
        }
        assertTrue("the table has at least 50 commands: " + rows, rows >= 50);
        assertTrue(failures.size() + " of " + rows + " wrong:\n" + String.join("\n", failures), failures.isEmpty());
    }

    private static Map<String, String> slots(String text) {
        Map<String, String> slots = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            slots.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return slots;
    }

    private static List<String[]> table() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CommandTableTest.class.getResourceAsStream("commands.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t");
                assertEquals(line, 3, row.length);
                rows.add(row);
            }
        }
        return rows;
    }
}
