package org.cogos.bench.modules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.audio.internal.AudioConfig;
import org.cogos.audio.internal.AudioModule;
import org.cogos.util.stats.Latencies;
import org.cogos.harness.Configs;
import org.cogos.ml.internal.OnnxModels;

/**
 * The audio module outside OSGi on the espeak-ng command matrix its tests use (20 commands x 3 voices x 2 speeds,
 * 16 kHz WAV): each WAV is one recording, cut by Silero VAD and transcribed by Sphinx4. Besides the module's
 * figures: the real-time factor (processing time / audio duration) of the whole module and of what is not VAD
 * (speech to text, chiefly), the time of one VAD call (one 32 ms frame), and how many transcripts are exact.
 */
final class AudioBench {

    static final String FIXTURES = "bundles/audio/src/test/resources/fixtures/";

    /**
     * @param module       the module's figures; its steady calls cover the matrix once when calls is its size
     * @param steadyAudioS audio in the steady calls, seconds
     * @param vadFrames    the VAD model's calls during the steady calls (one per 32 ms frame)
     * @param exact        WAVs whose transcript is exactly the one spoken (first pass)
     * @param transcripts  transcripts the module passed on towards the language module
     */
    record Result(ModuleFigures<Observation> module, String mode, double steadyAudioS, Latencies vadFrames, int exact,
            int wavs, long transcripts) {

        double realTimeFactor() {
            return module.steady().totalNanos() / 1e9 / steadyAudioS;
        }

        double sttRealTimeFactor() {
            return (module.steady().totalNanos() - vadFrames.totalNanos()) / 1e9 / steadyAudioS;
        }
    }

    private AudioBench() {
    }

    /** @param mode the module's {@code mode} parameter: {@code grammar} (its default) or {@code large-vocabulary} */
    static Result run(Repo repo, String mode, int warmup, int calls, int interOpThreads, int intraOpThreads)
            throws Exception {
        List<String[]> rows = repo.tsv(FIXTURES + "commands.tsv");
        List<Percept> wavs = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (String[] row : rows) {
            byte[] wav = repo.bytes(FIXTURES + "commands/" + row[0]);
            AudioFileFormat format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
            seconds.add(format.getFrameLength() / (double) format.getFormat().getFrameRate());
            wavs.add(ModuleRun.percept("audio", wavs.size(), wav));
        }
        TranscriptQueue router = new TranscriptQueue();
        AudioConfig config = Configs.of(AudioConfig.class, Map.of("mode", mode));
        try (OnnxModels ml = new OnnxModels(interOpThreads, intraOpThreads)) {
            ObservedInference vad = new ObservedInference(ml);
            List<Latencies> steadyVad = new ArrayList<>();
            ModuleFigures<Observation> figures = ModuleRun.measure("audio (" + mode + ")",
                    rows.size() + " espeak-ng command WAVs", ModuleLoader.module(
                            () -> new AudioModule(vad, ml, config, router)),
                    CognitiveModule::process, wavs, warmup, calls, () -> {
                        vad.reset();
                        steadyVad.add(vad.calls());
                    });
            double steadyAudioS = 0;
            for (int i = 0; i < calls; i++) {
                steadyAudioS += seconds.get((1 + warmup + i) % wavs.size());
            }
            int exact = 0;
            for (int i = 0; i < figures.firstPass().size(); i++) {
                if (transcript(figures.firstPass().get(i)).equals(rows.get(i)[3])) {
                    exact++;
                }
            }
            return new Result(figures, mode, steadyAudioS, steadyVad.get(0), exact, figures.firstPass().size(),
                    router.submitted());
        }
    }

    /** The transcripts of a recording's utterances, in order, joined by a space. */
    static String transcript(Observation o) {
        return o.detections().stream().map(d -> d.attributes().getOrDefault("transcript", ""))
                .filter(t -> !t.isEmpty()).collect(Collectors.joining(" "));
    }
}
