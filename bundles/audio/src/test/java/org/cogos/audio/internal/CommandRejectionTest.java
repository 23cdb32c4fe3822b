package org.cogos.audio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.Scene;
import org.cogos.harness.Configs;
import org.cogos.harness.RecordingRouter;
import org.cogos.language.internal.LanguageConfig;
import org.cogos.language.internal.LanguageModule;
import org.cogos.ml.internal.OnnxModels;
import org.cogos.rules.internal.RulesConfig;
import org.cogos.rules.internal.RulesEngine;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Only commands are obeyed: real speech that is no command must not come out of audio → language as a command
 * intent, and the command fixtures must still come out as theirs. Both modules are the real ones with their default
 * parameters; the figures are in docs/audio.md ("Speech that is no command").
 */
public class CommandRejectionTest {

    /** Non-command recordings that may come out as a command intent: none (0 of 12 measured, 12 utterances). */
    static final int MAX_FALSE_COMMANDS = 0;
    /**
     * Commands (120 espeak-ng fixtures and the real "go forward ten meters") that must come out as their intent:
     * 113 of 121 were measured; two fewer are allowed for a different JVM's floating point or a small change.
     */
    static final int MIN_ACCEPTED = 111;
    /**
     * Spoken commands whose actions (rules engine) equal those of the same words typed: 111 of 121 measured, the
     * 8 not accepted and 2 whose numbers were misheard ("ninety degrees" as twenty or eighty); two fewer are
     * allowed, as above.
     */
    static final int MIN_SAME_ACTIONS = 109;

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static OnnxModels models;
    private static RecordingRouter router;
    private static AudioModule audio;
    private static LanguageModule language;
    private static RulesEngine rules;

    @BeforeClass
    public static void activate() throws Exception {
        models = new OnnxModels(1, 1);
        router = new RecordingRouter();
        audio = new AudioModule(models, models, Configs.defaults(AudioConfig.class), router);
        // Its deactivation is package-private to the language bundle; the models go with the test's JVM.
        language = new LanguageModule(Configs.defaults(LanguageConfig.class));
        rules = new RulesEngine(Configs.defaults(RulesConfig.class));
    }

    @AfterClass
    public static void deactivate() throws Exception {
        audio.deactivate();
        models.close();
    }

    /** What the runtime does with one recording: audio, then language for every transcript it passes on. */
    private static Heard hear(String robot, String fixture) throws Exception {
        Percept percept = new Percept(robot, "audio", SEQUENCE.incrementAndGet(), System.nanoTime(),
                System.currentTimeMillis(), Fixtures.bytes(fixture));
        int before = router.size();
        Observation o = audio.process(percept);
        List<String> intents = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (Percept text : router.percepts().subList(before, router.size())) {
            Observation parsed = language.process(text);
            parsed.detections().forEach(d -> intents.add(d.label()));
            actions.addAll(decide(parsed));
        }
        return new Heard(o.detections(), intents, actions);
    }

    /**
     * What the rules engine sends for an utterance on its own scene, each action as its type and parameters
     * without {@code in_reply_to}, which quotes the words as heard.
     */
    private static List<String> decide(Observation utterance) {
        List<String> decided = new ArrayList<>();
        for (Action action : rules.decide(new Scene(utterance.robotId(), SEQUENCE.incrementAndGet(), 0,
                List.of(utterance), utterance))) {
            Map<String, Object> params = new TreeMap<>(action.parameters());
            params.remove("in_reply_to");
            decided.add(action.type() + " " + params);
        }
        return decided;
    }

    private record Heard(List<Detection> utterances, List<String> intents, List<String> actions) {

        List<String> commands() {
            return intents.stream().filter(i -> !"unknown".equals(i)).toList();
        }

        String describe() {
            return utterances.stream().map(d -> d.attributes().getOrDefault("best_transcript",
                    d.attributes().get("transcript")) + " (margin " + d.attributes().get("command_margin")
                    + (d.attributes().containsKey("rejected") ? ", rejected" : "") + ")").toList() + " → " + intents;
        }
    }

    private static Observation typed(String robot, String sentence) throws Exception {
        return language.process(new Percept(robot, "text", SEQUENCE.incrementAndGet(), 0, 0,
                ("{\"text\":\"" + sentence + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void realSpeechThatIsNoCommandIsNotObeyedAndCommandsStillAre() throws Exception {
        List<String> nonCommands = new ArrayList<>();
        nonCommands.add("human/librivox-0880.wav");
        Fixtures.table("noncommands.tsv").forEach(row -> nonCommands.add("noncommands/" + row[0]));
        int utterances = 0;
        int rejected = 0;
        List<String> falseCommands = new ArrayList<>();
        for (String fixture : nonCommands) {
            Heard heard = hear("chatter", fixture);
            utterances += heard.utterances().size();
            rejected += (int) heard.utterances().stream().filter(d -> d.attributes().containsKey("rejected")).count();
            System.out.printf(Locale.ROOT, "  non-command %s: %s%n", fixture, heard.describe());
            if (!heard.commands().isEmpty()) {
                falseCommands.add(fixture + ": " + heard.describe());
            }
        }

        List<String[]> commands = new ArrayList<>(Fixtures.table("commands.tsv").stream()
                .map(row -> new String[] {"commands/" + row[0], row[3]}).toList());
        commands.add(new String[] {"human/goforward.wav", "go forward ten meters"});
        List<String> missed = new ArrayList<>();
        int sameActions = 0;
        for (int i = 0; i < commands.size(); i++) {
            String[] command = commands.get(i);
            // A robot of its own per command: the rules engine remembers each robot's last object ("it").
            Observation typed = typed("typed-" + i, command[1]);
            String expected = typed.detections().get(0).label();
            Heard heard = hear("spoken-" + i, command[0]);
            if (!heard.intents().equals(List.of(expected))) {
                missed.add(command[0] + " '" + command[1] + "' (" + expected + "): " + heard.describe());
            }
            List<String> typedActions = decide(typed);
            if (heard.actions().equals(typedActions)) {
                sameActions++;
            } else {
                System.out.printf(Locale.ROOT, "  other actions: %s '%s': typed %s, spoken %s%n", command[0],
                        command[1], typedActions, heard.actions());
            }
        }
        int accepted = commands.size() - missed.size();
        System.out.printf(Locale.ROOT, "false commands: %d of %d non-command recordings (%d utterances, %d rejected by"
                + " the audio module); commands accepted as their intent: %d of %d (%.1f%%)%n", falseCommands.size(),
                nonCommands.size(), utterances, rejected, accepted, commands.size(), 100.0 * accepted / commands.size());
        System.out.printf(Locale.ROOT, "spoken commands deciding the same actions as the words typed (audio -> "
                + "language -> rules): %d of %d%n", sameActions, commands.size());
        missed.forEach(m -> System.out.println("  not accepted: " + m));
        assertTrue(sameActions + " of " + commands.size() + " spoken commands decide what the words typed decide,"
                + " fewer than " + MIN_SAME_ACTIONS, sameActions >= MIN_SAME_ACTIONS);
        assertTrue("false commands " + falseCommands, falseCommands.size() <= MAX_FALSE_COMMANDS);
        assertTrue(accepted + " of " + commands.size() + " accepted, fewer than " + MIN_ACCEPTED + ": " + missed,
                accepted >= MIN_ACCEPTED);
    }

    @Test
    public void aRejectedUtteranceIsReportedAndCountedButNotPassedOn() throws Exception {
        long before = audio.utterancesRejected();
        int forwarded = router.size();
        Observation o = audio.process(new Percept("digits", "audio", SEQUENCE.incrementAndGet(), System.nanoTime(),
                System.currentTimeMillis(), Fixtures.bytes("noncommands/numbers.wav")));
        assertFalse(o.detections().isEmpty());
        for (Detection d : o.detections()) {
            assertEquals("speech", d.label());
            assertEquals(AudioModule.NO_COMMAND, d.attributes().get("rejected"));
            assertEquals("", d.attributes().get("transcript"));
            assertFalse("the grammar's guess is shown", d.attributes().get("best_transcript").isEmpty());
            double margin = Double.parseDouble(d.attributes().get("command_margin"));
            assertTrue("margin " + margin, margin < 0.4);
        }
        assertEquals(forwarded, router.size());
        assertEquals(before + o.detections().size(), audio.utterancesRejected());
    }

    @Test
    public void stopIsJudgedByItsOwnLowerThreshold() throws Exception {
        try {
            // Nothing but a stop can pass a margin of 10 nats per frame; a stop passes -10.
            audio.modified(Configs.of(AudioConfig.class, Map.of("minCommandMargin", 10.0, "minStopMargin", -10.0)));
            Heard help = hear("strict", "commands/c01-en-us-150.wav");
            assertEquals(AudioModule.NO_COMMAND, help.utterances().get(0).attributes().get("rejected"));
            assertEquals("help me", help.utterances().get(0).attributes().get("best_transcript"));
            assertEquals(List.of(), help.intents());
            Heard stop = hear("strict", "commands/c00-en-us-150.wav");
            assertEquals("stop", stop.utterances().get(0).attributes().get("transcript"));
            assertEquals(List.of("stop"), stop.intents());
        } finally {
            audio.modified(Configs.defaults(AudioConfig.class));
        }
    }
}
