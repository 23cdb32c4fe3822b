package org.cogos.audio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.cogos.harness.RecordingRouter;
import org.cogos.ml.internal.OnnxModels;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The module in grammar mode with the real models, on the committed fixtures. */
public class AudioModuleTest {

    private static final int RATE = 16000;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static OnnxModels models;
    private static RecordingRouter router;
    private static AudioModule module;

    @BeforeClass
    public static void activate() throws Exception {
        models = new OnnxModels(1, 1);
        router = new RecordingRouter();
        long start = System.nanoTime();
        module = new AudioModule(models, models, Configs.defaults(AudioConfig.class), router);
        System.out.printf(Locale.ROOT,
                "audio module activation (VAD; the recogniser loads at the first percept): %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
    }

    @AfterClass
    public static void deactivate() throws Exception {
        module.deactivate();
        models.close();
    }

    private static Percept percept(String robot, byte[] payload) {
        return new Percept(robot, "audio", SEQUENCE.incrementAndGet(), System.nanoTime(), System.currentTimeMillis(),
                payload);
    }

    private static List<String> transcripts(Observation o) {
        return o.detections().stream().map(d -> d.attributes().get("transcript")).toList();
    }

    @Test
    public void grammarModeTranscribesTheEspeakCommandMatrix() throws Exception {
        List<String[]> rows = Fixtures.table("commands.tsv");
        List<String> misses = new ArrayList<>();
        long nanos = 0;
        long samples = 0;
        for (String[] row : rows) {
            byte[] wav = Fixtures.bytes("commands/" + row[0]);
            long start = System.nanoTime();
            Observation o = module.process(percept("matrix", wav));
            nanos += System.nanoTime() - start;
            samples += (wav.length - 44) / 2;
            // What the recogniser heard, whether or not it passed as a command (CommandRejectionTest judges that).
            List<String> heard = o.detections().stream().map(d -> d.attributes().getOrDefault("best_transcript",
                    d.attributes().get("transcript"))).toList();
            if (!heard.equals(List.of(row[3]))) {
                misses.add(row[0] + " (" + row[1] + ", " + row[2] + " wpm): expected '" + row[3] + "', heard "
                        + heard);
            }
        }
        double accuracy = 1.0 - (double) misses.size() / rows.size();
        System.out.printf(Locale.ROOT, "grammar mode: %d/%d espeak-ng commands exact (%.1f%%), real-time factor "
                + "%.3f (VAD + STT, %.1f s of audio)%n", rows.size() - misses.size(), rows.size(), 100 * accuracy,
                nanos / 1e9 / (samples / (double) RATE), samples / (double) RATE);
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertTrue("accuracy " + accuracy + " below 90%: " + misses, accuracy >= 0.90);
    }

    @Test
    public void eachUtteranceIsOneNonSpatialSpeechDetectionAndATextPercept() throws Exception {
        Percept p = percept("r-text", Fixtures.bytes("commands/c01-en-us-150.wav"));
        int before = router.size();
        Observation o = module.process(p);
        assertEquals("audio", o.module());
        assertEquals("audio", o.modality());
        assertEquals(p.sequence(), o.perceptSequence());
        assertEquals(-1, o.sourceSequence());
        assertEquals(p.receivedNanos(), o.receivedNanos());
        assertEquals(1, o.detections().size());
        Detection d = o.detections().get(0);
        assertEquals("speech", d.label());
        assertTrue(Double.isNaN(d.distanceM()));
        assertEquals("help me", d.attributes().get("transcript"));
        assertEquals("grammar", d.attributes().get("mode"));
        assertEquals("end_of_recording", d.attributes().get("ending"));
        double vad = Double.parseDouble(d.attributes().get("vad_probability"));
        assertEquals(vad, d.confidence(), 0.0005);
        assertTrue("mean VAD probability " + vad, vad > 0.5 && vad <= 1.0);
        assertTrue(Long.parseLong(d.attributes().get("start_ms")) < Long.parseLong(d.attributes().get("end_ms")));

        assertEquals(before + 1, router.size());
        Percept text = router.percepts().get(before);
        assertEquals("r-text", text.robotId());
        assertEquals("text", text.modality());
        assertEquals("a derived percept keeps its source's sequence", p.sequence(), text.sequence());
        assertEquals(p.receivedNanos(), text.receivedNanos());
        assertEquals(p.receivedMillis(), text.receivedMillis());
        assertEquals("{\"text\":\"help me\",\"source\":\"audio\"}", router.payloads().get(before));
    }

    @Test
    public void aFullRouterIsCountedAndTheObservationKeepsTheTranscript() throws Exception {
        long refused = module.transcriptsRefused();
        int before = router.size();
        router.full(true);
        try {
            Observation o = module.process(percept("r-full", Fixtures.bytes("commands/c04-en-us-150.wav")));
            assertEquals(List.of("turn left"), transcripts(o));
        } finally {
            router.full(false);
        }
        assertEquals(refused + 1, module.transcriptsRefused());
        assertEquals(before, router.size());
    }

    @Test
    public void vadFindsTheTwoUtterancesOfTheSyntheticFixture() throws Exception {
        assertSegments("vad-synthetic.wav", 100, true);
    }

    @Test
    public void vadFindsTheTwoUtterancesOfRealRecordings() throws Exception {
        // The expected spans come from an energy rule on the recordings (not exact speech boundaries): 250 ms slack.
        Observation o = assertSegments("vad-human.wav", 250, false);
        assertEquals("a person saying a command, recognised by the grammar", "go forward ten meters",
                o.detections().get(0).attributes().get("transcript"));
    }

    private static Observation assertSegments(String file, long toleranceMs, boolean transcripts) throws Exception {
        List<String[]> expected = Fixtures.table("segments.tsv").stream().filter(r -> r[0].equals(file)).toList();
        Observation o = module.process(percept("vad-" + file, Fixtures.bytes(file)));
        StringBuilder found = new StringBuilder();
        for (Detection d : o.detections()) {
            found.append(String.format(Locale.ROOT, " [%s-%s ms p=%s '%s']", d.attributes().get("start_ms"),
                    d.attributes().get("end_ms"), d.attributes().get("vad_probability"),
                    d.attributes().get("transcript")));
        }
        System.out.println("VAD " + file + ":" + found);
        assertEquals(found.toString(), expected.size(), o.detections().size());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, String> a = o.detections().get(i).attributes();
            long start = Long.parseLong(a.get("start_ms"));
            long end = Long.parseLong(a.get("end_ms"));
            long wantStart = Long.parseLong(expected.get(i)[2]);
            long wantEnd = Long.parseLong(expected.get(i)[3]);
            assertTrue(file + " segment " + i + " starts at " + start + " ms, expected " + wantStart,
                    Math.abs(start - wantStart) <= toleranceMs);
            assertTrue(file + " segment " + i + " ends at " + end + " ms, expected " + wantEnd,
                    Math.abs(end - wantEnd) <= toleranceMs);
            if (transcripts) {
                assertEquals(expected.get(i)[4], a.get("transcript"));
            }
        }
        return o;
    }

    /**
     * One robot streams commands of two voices back to back, a second of digital silence after each, in 100 ms raw
     * chunks whose edges fall anywhere in the speech; another sends the same stream as one WAV file. The VAD state,
     * the incomplete frame and the speech in progress carry over from chunk to chunk, so both give the same
     * utterances, times and words.
     */
    @Test
    public void streamingIn100MsChunksGivesTheTranscriptsOfTheWholeFile() throws Exception {
        List<String[]> rows = Fixtures.table("commands.tsv").stream()
                .filter(r -> r[0].endsWith("-en-gb-200.wav") || r[0].endsWith("-en-us-f3-150.wav")).toList();
        short[] stream = new short[0];
        for (String[] row : rows) {
            short[] s = Fixtures.samples("commands/" + row[0]);
            int at = stream.length;
            stream = Arrays.copyOf(stream, at + s.length + RATE);
            System.arraycopy(s, 0, stream, at, s.length);
        }
        List<Detection> whole = module.process(percept("whole-stream", Fixtures.wav(stream))).detections();
        List<Detection> chunked = new ArrayList<>();
        int chunk = RATE / 10;
        for (int at = 0; at < stream.length; at += chunk) {
            chunked.addAll(module.process(percept("chunked-stream",
                    Fixtures.raw(stream, at, Math.min(stream.length, at + chunk)))).detections());
        }
        assertEquals(rows.size(), chunked.size());
        int exact = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> a = chunked.get(i).attributes();
            Map<String, String> b = whole.get(i).attributes();
            for (String key : List.of("transcript", "start_ms", "end_ms", "vad_probability")) {
                assertEquals(key + " of utterance " + i, b.get(key), a.get(key));
            }
            assertEquals("silence", a.get("ending"));
            exact += a.get("transcript").equals(rows.get(i)[3]) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "streaming: %d utterances in %d chunks of 100 ms, the same as from the whole "
                + "file; %d of them exact%n", chunked.size(), (stream.length + chunk - 1) / chunk, exact);
    }

    /** A WAV file is a recording of its own: speech pending in the robot's raw stream ends before it. */
    @Test
    public void aWavFileEndsTheSpeechPendingInTheRawStream() throws Exception {
        short[] follow = Fixtures.samples("commands/c02-en-us-150.wav");
        assertEquals(List.of(), module.process(percept("mixed", Fixtures.raw(follow))).detections());
        List<Detection> both = module.process(percept("mixed", Fixtures.bytes("commands/c01-en-us-150.wav")))
                .detections();
        assertEquals(2, both.size());
        assertEquals("follow me", both.get(0).attributes().get("transcript"));
        assertEquals("end_of_stream", both.get(0).attributes().get("ending"));
        assertEquals("help me", both.get(1).attributes().get("transcript"));
        assertEquals("end_of_recording", both.get(1).attributes().get("ending"));
        long followEnd = Long.parseLong(both.get(0).attributes().get("end_ms"));
        long helpStart = Long.parseLong(both.get(1).attributes().get("start_ms"));
        assertTrue("times run on along the robot's stream: " + followEnd + " < " + helpStart,
                followEnd < helpStart && helpStart > follow.length * 1000L / RATE);
    }

    @Test
    public void silenceAndNoiseYieldAnObservationWithoutDetections() throws Exception {
        Observation zeros = module.process(percept("quiet", new byte[2 * 2 * RATE]));
        assertEquals(List.of(), zeros.detections());
        short[] noise = new short[2 * RATE];
        Random random = new Random(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) Math.round(random.nextGaussian() * 300);
        }
        assertEquals(List.of(), module.process(percept("quiet", Fixtures.wav(noise))).detections());
    }

    @Test
    public void everyBadInputIsRefusedWithItsCodeAndTheModuleKeepsWorking() throws Exception {
        byte[] good = Fixtures.bytes("commands/c02-en-us-150.wav");
        byte[][] bad = {
            new byte[0],
            {1, 2, 3},
            Fixtures.wav(1, 1, 44100, 16, new byte[8820]),
            Fixtures.wav(1, 2, 16000, 16, new byte[6400]),
            Fixtures.wav(1, 1, 16000, 8, new byte[1600]),
            Fixtures.wav(3, 1, 16000, 32, new byte[6400]),
            Arrays.copyOf(good, good.length / 2 + 1),
        };
        String[] codes = {PerceptException.MALFORMED, PerceptException.MALFORMED, PerceptException.OUT_OF_RANGE,
            PerceptException.OUT_OF_RANGE, PerceptException.OUT_OF_RANGE, AudioPayload.UNSUPPORTED_FORMAT,
            PerceptException.MALFORMED};
        for (int i = 0; i < bad.length; i++) {
            try {
                module.process(percept("r-bad", bad[i]));
                fail("accepted bad payload " + i);
            } catch (PerceptException e) {
                assertEquals("payload " + i + ": " + e.getMessage(), codes[i], e.code());
            }
            assertEquals(List.of("follow me"), transcripts(module.process(percept("r-bad", good))));
        }
    }

    /** The VAD's cost per 32 ms frame through the ml runtime, the figure docs/audio.md quotes. */
    @Test
    public void vadLatencyPerFrame() {
        SileroVad vad = SileroVad.load(models, models, "bench-vad");
        try {
            short[] speech = Fixtures.samples("vad-synthetic.wav");
            SileroVad.State state = new SileroVad.State();
            float[] frame = new float[SileroVad.FRAME];
            int frames = speech.length / SileroVad.FRAME;
            long[] micros = new long[frames * 3];
            for (int i = 0; i < micros.length; i++) {
                int at = (i % frames) * SileroVad.FRAME;
                for (int j = 0; j < frame.length; j++) {
                    frame[j] = speech[at + j] / 32768f;
                }
                long start = System.nanoTime();
                float p = vad.probability(state, frame);
                micros[i] = (System.nanoTime() - start) / 1000;
                assertTrue(p >= 0 && p <= 1);
            }
            long[] steady = Arrays.copyOfRange(micros, frames, micros.length);
            Arrays.sort(steady);
            System.out.printf(Locale.ROOT, "Silero VAD per 32 ms frame: first %d us, steady p50 %d us, p99 %d us "
                    + "(%d frames)%n", micros[0], steady[steady.length / 2], steady[steady.length * 99 / 100],
                    steady.length);
        } finally {
            vad.close();
        }
    }
}
