package org.cogos.language.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class LanguageModuleTest {

    private static LanguageModule module;

    @BeforeClass
    public static void activate() {
        module = new LanguageModule(Configs.defaults(LanguageConfig.class));
    }

    @AfterClass
    public static void deactivate() {
        module.deactivate();
    }

    private static Percept percept(String json) {
        return percept(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Percept percept(byte[] payload) {
        return new Percept("r1", "text", 42, 7, 0, payload);
    }

    @Test
    public void defaultsAreTheDocumentedOnes() {
        assertEquals(new LanguageOptions(2000, 32, 0.6), LanguageOptions.from(Configs.defaults(LanguageConfig.class)));
    }

    @Test
    public void refusesParametersOutsideTheirBounds() {
        assertRejected("org.cogos.language.maxTextLength = 0 is outside [1, 100000]", Map.of("maxTextLength", 0));
        assertRejected("org.cogos.language.maxSentences = 1001 is outside [1, 1000]", Map.of("maxSentences", 1001));
        assertRejected("org.cogos.language.minConfidence = 1.5 is outside [0, 1]", Map.of("minConfidence", 1.5));
        assertRejected("org.cogos.language.minConfidence = NaN is outside [0, 1]", Map.of("minConfidence", Double.NaN));
    }

    private static void assertRejected(String message, Map<String, Object> values) {
        try {
            LanguageOptions.from(Configs.of(LanguageConfig.class, values));
            fail("accepted " + values);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().endsWith(message));
        }
    }

    @Test
    public void oneDetectionPerSentenceWithTheParseAndNoPlaceInSpace() throws Exception {
        Observation o = module.process(percept(
                "{\"seq\":9,\"lang\":\"en\",\"text\":\"Move forward two meters. Then turn left 90 degrees!\"}"));
        assertEquals("language", o.module());
        assertEquals("text", o.modality());
        assertEquals(42, o.perceptSequence());
        assertEquals(9, o.sourceSequence());
        assertEquals(7, o.receivedNanos());
        assertEquals(2, o.detections().size());
        Detection move = o.detections().get(0);
        assertEquals("move", move.label());
        assertEquals(1.0, move.confidence(), 0);
        assertEquals("2", move.attributes().get("quantity"));
        assertEquals("Move forward two meters .", move.attributes().get("tokens"));
        assertEquals("move forward two meter .", move.attributes().get("lemmas"));
        assertEquals("en", move.attributes().get("declared_language"));
        assertTrue("an utterance is no obstacle at 0 m", Double.isNaN(move.distanceM()));
        assertTrue(Double.isNaN(move.bearingRad()));
        Detection turn = o.detections().get(1);
        assertEquals("turn", turn.label());
        assertEquals("1", turn.attributes().get("sentence"));
        assertEquals("left", turn.attributes().get("direction"));
    }

    /** ROS 2's std_msgs/msg/String as the ROS 2 ↔ MQTT bridge writes it in JSON mode (docs/ros2.md). */
    @Test
    public void readsTheRos2BridgesString() throws Exception {
        Detection d = module.process(percept("{\"data\":\"stop\"}")).detections().get(0);
        assertEquals("stop", d.label());
        assertRefused(PerceptException.MALFORMED,
                "'text' and 'data' (ROS 2 std_msgs/String) are one field: give one of them",
                "{\"text\":\"stop\",\"data\":\"go\"}");
        assertRefused(PerceptException.MALFORMED, "duplicate field 'data'", "{\"data\":\"a\",\"data\":\"b\"}");
    }

    @Test
    public void talkThatIsNoCommandIsUnknown() throws Exception {
        Detection d = module.process(percept("{\"text\":\"The weather was lovely yesterday afternoon.\"}"))
                .detections().get(0);
        assertEquals("unknown", d.label());
        assertEquals(0, d.confidence(), 0);
        assertFalse(d.attributes().containsKey("verb"));
    }

    @Test
    public void aCommandBuriedInChatterFallsBelowMinConfidence() throws Exception {
        Detection d = module.process(percept(
                "{\"text\":\"yesterday my cousin said we should probably turn the old garden fence\"}"))
                .detections().get(0);
        assertEquals("unknown", d.label());
        assertEquals("turn", d.attributes().get("best_intent"));
        assertTrue(String.valueOf(d.confidence()), d.confidence() < 0.6);
    }

    @Test
    public void refusesEveryKindOfBadInput() {
        assertRefused(PerceptException.OUT_OF_RANGE, "text is empty", "{\"text\":\"\"}");
        assertRefused(PerceptException.OUT_OF_RANGE, "text is empty", "{\"text\":\"  \\n \"}");
        assertRefused(PerceptException.MALFORMED, "missing field: text (or data, as in ROS 2 std_msgs/String)",
                "{\"lang\":\"en\"}");
        assertRefused(PerceptException.MALFORMED, "text must be a string, got a number", "{\"text\":5}");
        assertRefused(PerceptException.MALFORMED, "the text percept must be a JSON object, got a string",
                "\"stop\"");
        assertRefused(PerceptException.MALFORMED, "the text percept must be a JSON object, got end of input", "");
        assertRefused(PerceptException.MALFORMED, "duplicate field 'text'", "{\"text\":\"a\",\"text\":\"b\"}");
        assertRefused(PerceptException.MALFORMED, "seq must be an integer, got a string",
                "{\"text\":\"stop\",\"seq\":\"1\"}");
        assertRefused(PerceptException.OUT_OF_RANGE, "seq must be >= 0, got -1", "{\"text\":\"stop\",\"seq\":-1}");
        assertRefused(PerceptException.OUT_OF_RANGE, "lang is 'de' but only English (en) is understood",
                "{\"text\":\"halt\",\"lang\":\"de\"}");
        assertRefused(PerceptException.MALFORMED, "unexpected content after the text percept object",
                "{\"text\":\"stop\"} {}");
        assertRefused(PerceptException.OUT_OF_RANGE, "text has 2001 characters, more than maxTextLength (2000)",
                "{\"text\":\"" + "a".repeat(2001) + "\"}");
        try {
            module.process(percept("stop please"));
            fail("accepted plain text");
        } catch (PerceptException e) {
            assertEquals(PerceptException.MALFORMED, e.code());
            assertTrue(e.getMessage(), e.getMessage().startsWith("invalid JSON at byte "));
        }
        byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(PerceptException.MALFORMED, "the payload is not valid UTF-8 (bad byte sequence at byte 12)",
                latin1);
    }

    @Test
    public void tooManySentencesAreRefused() throws Exception {
        module.modified(Configs.of(LanguageConfig.class, Map.of("maxSentences", 2)));
        try {
            assertRefused(PerceptException.OUT_OF_RANGE, "text has 3 sentences, more than maxSentences (2)",
                    "{\"text\":\"Stop. Turn left. Help me.\"}");
        } finally {
            module.modified(Configs.defaults(LanguageConfig.class));
        }
    }

    @Test
    public void liveParameterChangeTakesEffectAndABadOneIsIgnored() throws Exception {
        String hundred = "{\"text\":\"stop" + " ".repeat(96) + "\"}";
        module.modified(Configs.of(LanguageConfig.class, Map.of("maxTextLength", 50)));
        try {
            assertRefused(PerceptException.OUT_OF_RANGE, "text has 100 characters, more than maxTextLength (50)",
                    hundred);
            module.modified(Configs.of(LanguageConfig.class, Map.of("maxTextLength", 0)));
            assertRefused(PerceptException.OUT_OF_RANGE, "text has 100 characters, more than maxTextLength (50)",
                    hundred);
        } finally {
            module.modified(Configs.defaults(LanguageConfig.class));
        }
        assertEquals("stop", module.process(percept(hundred)).detections().get(0).label());
    }

    @Test
    public void keepsServingAfterARefusedPercept() throws Exception {
        assertRefused(PerceptException.MALFORMED, "missing field: text (or data, as in ROS 2 std_msgs/String)", "{}");
        assertEquals("help", module.process(percept("{\"text\":\"help me\"}")).detections().get(0).label());
    }

    @Test
    public void deactivationReleasesTheModelsAndLaterCallsFailClearly() throws Exception {
        LanguageModule own = new LanguageModule(Configs.defaults(LanguageConfig.class));
        assertTrue(own.modelsLoaded());
        assertEquals("stop", own.process(percept("{\"text\":\"stop\"}")).detections().get(0).label());
        own.deactivate();
        assertFalse(own.modelsLoaded());
        try {
            own.process(percept("{\"text\":\"stop\"}"));
            fail("parsed after deactivation");
        } catch (IllegalStateException e) {
            assertEquals("the language models are released", e.getMessage());
        }
    }

    private static void assertRefused(String code, String message, String json) {
        assertRefused(code, message, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String code, String message, byte[] payload) {
        try {
            module.process(percept(payload));
            fail("accepted " + new String(payload, StandardCharsets.UTF_8));
        } catch (PerceptException e) {
            assertEquals(e.getMessage(), code, e.code());
            assertEquals(message, e.getMessage());
        }
    }
}
