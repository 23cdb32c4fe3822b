package org.cogos.audio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.cogos.harness.RecordingRouter;
import org.cogos.ml.internal.OnnxModels;
import org.junit.Test;

/** Activation, parameters, the switch to large-vocabulary mode, and deactivation with speech pending. */
public class AudioLifecycleTest {

    private static final int RATE = 16000;

    private static Percept percept(String robot, long sequence, byte[] payload) {
        return new Percept(robot, "audio", sequence, 1000 + sequence, 2000 + sequence, payload);
    }

    /** A robot stops streaming in the middle of a command: rmmod must not lose it. */
    @Test
    public void deactivationTranscribesPendingSpeechPassesItOnAndUnloadsTheModel() throws Exception {
        try (OnnxModels models = new OnnxModels(1, 1)) {
            RecordingRouter router = new RecordingRouter();
            AudioModule module = new AudioModule(models, models, Configs.defaults(AudioConfig.class), router);
            assertEquals(List.of(AudioModule.VAD_MODEL), models.list().stream().map(m -> m.name()).toList());
            short[] speech = Fixtures.samples("commands/c02-en-us-150.wav");
            short[] other = Fixtures.samples("commands/c17-en-us-f3-150.wav");
            int chunk = RATE / 10;
            long sequence = 0;
            for (int at = 0; at < speech.length; at += chunk) {
                Observation o = module.process(percept("r1", ++sequence,
                        Fixtures.raw(speech, at, Math.min(speech.length, at + chunk))));
                assertEquals("still speaking", List.of(), o.detections());
            }
            long lastOfR1 = sequence;
            module.process(percept("r2", ++sequence, Fixtures.raw(other, 0, other.length - 2400)));
            assertEquals(List.of(), router.percepts());

            module.deactivate();

            assertEquals(List.of("{\"text\":\"follow me\",\"source\":\"audio\"}",
                    "{\"text\":\"wait five seconds\",\"source\":\"audio\"}"), sortedPayloads(router));
            Percept fromR1 = router.percepts().stream().filter(p -> p.robotId().equals("r1")).findFirst().orElseThrow();
            assertEquals("text", fromR1.modality());
            assertEquals("keeps the sequence of the robot's last audio percept", lastOfR1, fromR1.sequence());
            assertEquals(1000 + lastOfR1, fromR1.receivedNanos());
            assertEquals("VAD model unloaded", List.of(), models.list());
        }
    }

    /**
     * A start does not load the recognisers: the first audio percept does, once, with the options of that moment;
     * with preloadRecognizers the start does.
     */
    @Test
    public void recognisersLoadAtTheFirstAudioPerceptOrAtStartWhenPreloaded() throws Exception {
        try (OnnxModels models = new OnnxModels(1, 1)) {
            List<AudioOptions> loads = new CopyOnWriteArrayList<>();
            AudioModule.RecognizerLoader counting = opts -> {
                loads.add(opts);
                throw new IOException("not needed here");
            };
            AudioOptions defaults = AudioOptions.from(Configs.defaults(AudioConfig.class));
            AudioModule lazy = new AudioModule(models, models, defaults, new RecordingRouter(), counting);
            Thread.sleep(200);
            assertEquals("nothing loaded at start", List.of(), loads);
            lazy.modified(Configs.of(AudioConfig.class, Map.of("recognizers", 2)));
            assertEquals("a new pool size before any load loads nothing either", List.of(), loads);
            short[] silence = new short[RATE / 10];
            lazy.process(percept("r1", 1, Fixtures.raw(silence)));
            lazy.process(percept("r1", 2, Fixtures.raw(silence)));
            awaitLoads(loads, 1);
            assertEquals("loaded once, with the options in force", 2, loads.get(0).recognizers());
            lazy.deactivate();

            AudioOptions preload = AudioOptions.from(Configs.of(AudioConfig.class, Map.of("preloadRecognizers", true)));
            AudioModule eager = new AudioModule(models, models, preload, new RecordingRouter(), counting);
            awaitLoads(loads, 2);
            eager.deactivate();
        }
    }

    private static void awaitLoads(List<AudioOptions> loads, int count) throws InterruptedException {
        for (int i = 0; i < 100 && loads.size() < count; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(100);
        assertEquals(count, loads.size());
    }

    /**
     * The recognisers load in the background; when that fails, a robot's utterance gets a clear error instead of
     * hanging its lane, the VAD keeps cutting speech, and deactivation still unloads the VAD model.
     */
    @Test
    public void anUtteranceIsRefusedWithAClearErrorWhenTheRecognisersFailedToLoad() throws Exception {
        try (OnnxModels models = new OnnxModels(1, 1)) {
            RecordingRouter router = new RecordingRouter();
            AudioModule module = new AudioModule(models, models,
                    AudioOptions.from(Configs.defaults(AudioConfig.class)), router, opts -> {
                        throw new IOException("acoustic model missing");
                    });
            short[] speech = Fixtures.samples("commands/c02-en-us-150.wav");
            try {
                module.process(percept("r1", 1, Fixtures.wav(speech)));
                fail("a recording with speech was transcribed without recognisers");
            } catch (PerceptException e) {
                assertEquals(AudioModule.RECOGNIZER_FAILED, e.code());
                assertTrue(e.getMessage(), e.getMessage().contains("failed to load"));
            }
            assertEquals(List.of(), router.percepts());
            module.deactivate();
            assertEquals("VAD model unloaded", List.of(), models.list());
        }
    }

    private static List<String> sortedPayloads(RecordingRouter router) {
        List<String> payloads = new ArrayList<>(router.payloads());
        payloads.sort(null);
        return payloads;
    }

    /** mode switches live: new recognisers are loaded, swapped in, and the old ones freed. */
    @Test
    public void largeVocabularyModeTranscribesFreeSpeech() throws Exception {
        try (OnnxModels models = new OnnxModels(1, 1)) {
            RecordingRouter router = new RecordingRouter();
            AudioModule module = new AudioModule(models, models, Configs.defaults(AudioConfig.class), router);
            try {
                byte[] he = Fixtures.bytes("human/librivox-0880.wav");
                Detection heard = module.process(percept("r", 1, he)).detections().get(0);
                assertEquals("grammar", heard.attributes().get("mode"));
                assertEquals("out of the command grammar", "", heard.attributes().get("transcript"));

                long start = System.nanoTime();
                module.modified(Configs.of(AudioConfig.class, Map.of("mode", AudioOptions.LARGE_VOCABULARY)));
                System.out.printf(Locale.ROOT, "large-vocabulary recogniser loaded in %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
                long decode = System.nanoTime();
                List<String[]> rows = Fixtures.table("human.tsv");
                long samples = 0;
                int errors = 0;
                int words = 0;
                for (String[] row : rows) {
                    byte[] wav = Fixtures.bytes("human/" + row[0]);
                    samples += (wav.length - 44) / 2;
                    Observation o = module.process(percept("r", 2, wav));
                    assertEquals(1, o.detections().size());
                    Map<String, String> a = o.detections().get(0).attributes();
                    assertEquals(AudioOptions.LARGE_VOCABULARY, a.get("mode"));
                    int e = wordErrors(row[2], a.get("transcript"));
                    System.out.printf(Locale.ROOT, "large vocabulary, %s: '%s' for '%s' (%d word errors)%n", row[0],
                            a.get("transcript"), row[2], e);
                    errors += e;
                    words += row[2].split(" ").length;
                }
                double rtf = (System.nanoTime() - decode) / 1e9 / (samples / (double) RATE);
                double wer = (double) errors / words;
                System.out.printf(Locale.ROOT, "large vocabulary on real speech: WER %.1f%% (%d/%d), real-time "
                        + "factor %.2f%n", 100 * wer, errors, words, rtf);
                assertTrue("word error rate " + wer, wer <= 0.4);
                assertTrue(router.payloads().contains(
                        "{\"text\":\"go forward ten meters\",\"source\":\"audio\"}"));
            } finally {
                module.deactivate();
            }
            assertEquals(List.of(), models.list());
        }
    }

    /** Levenshtein distance over words. */
    static int wordErrors(String expected, String heard) {
        String[] a = expected.split(" ");
        String[] b = heard.isEmpty() ? new String[0] : heard.split(" ");
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            for (int j = 0; j <= b.length; j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1));
            }
        }
        return d[a.length][b.length];
    }

    @Test
    public void vadParametersChangeLiveAndABadChangeKeepsThePreviousOnes() throws Exception {
        try (OnnxModels models = new OnnxModels(1, 1)) {
            RecordingRouter router = new RecordingRouter();
            AudioModule module = new AudioModule(models, models, Configs.defaults(AudioConfig.class), router);
            try {
                byte[] wav = Fixtures.bytes("vad-synthetic.wav");
                assertEquals(2, module.process(percept("a", 1, wav)).detections().size());
                // The second command starts 1000 ms after the first ends: with a longer minimum silence, one utterance.
                module.modified(Configs.of(AudioConfig.class, Map.of("minSilenceMs", 1500)));
                List<Detection> merged = module.process(percept("b", 2, wav)).detections();
                assertEquals(1, merged.size());
                assertEquals("800", merged.get(0).attributes().get("start_ms"));
                assertEquals("3872", merged.get(0).attributes().get("end_ms"));
                module.modified(Configs.of(AudioConfig.class, Map.of("minSilenceMs", 1500, "vadThreshold", 2.0)));
                assertEquals("refused change keeps minSilenceMs 1500", 1,
                        module.process(percept("c", 3, wav)).detections().size());
                module.modified(Configs.of(AudioConfig.class, Map.of("minSpeechMs", 2000)));
                assertEquals("both utterances shorter than minSpeechMs", List.of(),
                        module.process(percept("d", 4, wav)).detections());
                module.modified(Configs.of(AudioConfig.class, Map.of("maxUtteranceSeconds", 1)));
                List<Detection> cut = module.process(percept("e", 5, wav)).detections();
                assertEquals("max_length", cut.get(0).attributes().get("ending"));
                assertEquals("cut at the end of the first 32 ms frame a second after 800 ms", "1824",
                        cut.get(0).attributes().get("end_ms"));
            } finally {
                module.deactivate();
            }
        }
    }

    @Test
    public void refusesParametersOutsideTheirBounds() {
        assertRejected("org.cogos.audio.vadThreshold = 0.99 is outside [0.05, 0.95]", Map.of("vadThreshold", 0.99));
        assertRejected("org.cogos.audio.vadThreshold = NaN is outside [0.05, 0.95]",
                Map.of("vadThreshold", Double.NaN));
        assertRejected("org.cogos.audio.minSilenceMs = 10 is outside [32, 5000]", Map.of("minSilenceMs", 10));
        assertRejected("org.cogos.audio.minSpeechMs = -1 is outside [0, 5000]", Map.of("minSpeechMs", -1));
        assertRejected("org.cogos.audio.speechPadMs = 1001 is outside [0, 1000]", Map.of("speechPadMs", 1001));
        assertRejected("org.cogos.audio.maxUtteranceSeconds = 61 is outside [1, 60]",
                Map.of("maxUtteranceSeconds", 61));
        assertRejected("org.cogos.audio: mode must be grammar or large-vocabulary, got 'dictation'",
                Map.of("mode", "dictation"));
        assertRejected("org.cogos.audio.recognizers = 0 is outside [1, 8]", Map.of("recognizers", 0));
        assertRejected("org.cogos.audio.minCommandMargin = 10.5 is outside [-10, 10]",
                Map.of("minCommandMargin", 10.5));
        assertRejected("org.cogos.audio.minStopMargin = NaN is outside [-10, 10]", Map.of("minStopMargin", Double.NaN));
    }

    private static void assertRejected(String message, Map<String, Object> values) {
        try {
            AudioOptions.from(Configs.of(AudioConfig.class, values));
            fail("accepted " + values);
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    public void defaultsAreTheDocumentedOnes() {
        assertEquals(new AudioOptions(0.5, 500, 200, 300, 15, "grammar", 1, 0.4, -0.5, false),
                AudioOptions.from(Configs.defaults(AudioConfig.class)));
    }
}
