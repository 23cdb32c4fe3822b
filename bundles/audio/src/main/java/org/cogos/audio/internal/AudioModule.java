package org.cogos.audio.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.cogos.api.CognitiveModule;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.api.PerceptRouter;
import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.ModelRegistry;
import org.cogos.util.log.LogThrottle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code audio} module: serves the {@code audio} modality. Each robot's stream is cut into utterances by Silero
 * VAD (state kept per robot across percepts), each utterance is transcribed by Sphinx4, reported as one
 * {@code speech} detection, and its transcript is submitted to the router as a {@code text} percept for the
 * language module. The VAD model is loaded into the ml bundle at activation and unloaded at deactivation, after the
 * speech still pending in any robot's stream has been transcribed and passed on, so a hot swap loses no utterance.
 */
@Component(service = CognitiveModule.class, configurationPid = AudioConfig.PID,
        property = {CognitiveModule.MODALITY + "=" + AudioModule.MODALITY,
                CognitiveModule.MODULE + "=" + AudioModule.MODULE})
@Designate(ocd = AudioConfig.class)
public class AudioModule implements CognitiveModule {

    static final String MODULE = "audio";
    static final String MODALITY = "audio";
    static final String TEXT_MODALITY = "text";
    static final String VAD_MODEL = "audio.silero-vad-v5";
    /** The {@code rejected} attribute of an utterance that is not passed on as a command. */
    static final String NO_COMMAND = "no_command";
    /** The error code of an utterance that could not be transcribed because the recognisers did not load. */
    static final String RECOGNIZER_FAILED = "recognizer_unavailable";
    /**
     * The stop commands of commands.gram (its {@code <stop>} rule), judged by {@code minStopMargin}: a missed stop
     * costs more than a needless one.
     */
    private static final Set<String> STOP_COMMANDS =
            Set.of("stop", "halt", "freeze", "pause", "stop right now", "emergency stop");

    private static final Logger LOG = LoggerFactory.getLogger(AudioModule.class);

    /** A robot's stream, and its latest percept, whose identity a transcript flushed at deactivation carries. */
    private static final class Stream {
        final SpeechSegmenter segmenter;
        Percept last;

        Stream(SpeechSegmenter segmenter) {
            this.segmenter = segmenter;
        }
    }

    /** Where transcripts go: the runtime's router. */
    private final PerceptRouter router;
    private final SileroVad vad;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    /**
     * Robots transcribe under the read lock; a change of recognisers (mode, pool size) and deactivation take the
     * write lock, so a pool is closed only when no robot is using it.
     */
    private final ReadWriteLock recognizersLock = new ReentrantReadWriteLock(true);
    private volatile AudioOptions options;
    /**
     * Null until the first audio percept (or activation, with {@code preloadRecognizers}) starts loading them on a
     * thread of their own. They take seconds of CPU to load, which at start-up every other module waited behind,
     * and a robot that never speaks never needs them. Until they are ready a robot's utterance waits for them as
     * it waits for a busy recogniser: nothing is lost, its lane is only delayed. Set under {@code this}; replaced
     * under the write lock too.
     */
    private volatile CompletableFuture<Recognizers> recognizers;
    private final RecognizerLoader loader;
    private final AtomicLong transcriptsForwarded = new AtomicLong();
    private final AtomicLong transcriptsRefused = new AtomicLong();
    private final AtomicLong utterancesRejected = new AtomicLong();
    private final LogThrottle refusedLog = new LogThrottle();
    private final LogThrottle rejectedLog = new LogThrottle();

    /**
     * The router is looked up when a transcript is made rather than referenced: it binds this module as it
     * activates, so a reference back to it is a cycle that SCR reports as an error at every start. By the time a
     * transcript exists the router is active, since it is the only caller of {@link #process}.
     */
    @Activate
    public AudioModule(@Reference InferenceService inference, @Reference ModelRegistry registry, AudioConfig config,
            BundleContext context) throws IOException {
        this(inference, registry, config, percept -> submitToRouter(context, percept));
    }

    /** @throws IllegalStateException when there is no router, or it refuses the percept (its lane is full) */
    private static void submitToRouter(BundleContext context, Percept percept) {
        ServiceReference<PerceptRouter> reference = context.getServiceReference(PerceptRouter.class);
        PerceptRouter router = reference == null ? null : context.getService(reference);
        if (router == null) {
            throw new IllegalStateException("no percept router");
        }
        try {
            router.submit(percept);
        } finally {
            context.ungetService(reference);
        }
    }

    /** Outside OSGi (tests, benchmarks): transcripts go to {@code router}. */
    public AudioModule(InferenceService inference, ModelRegistry registry, AudioConfig config, PerceptRouter router)
            throws IOException {
        this(inference, registry, AudioOptions.from(config), router,
                opts -> Recognizers.create(opts.mode(), opts.recognizers()));
    }

    /** How recognisers are made: Sphinx4's, or in tests one that fails. */
    @FunctionalInterface
    interface RecognizerLoader {
        Recognizers load(AudioOptions opts) throws IOException;
    }

    AudioModule(InferenceService inference, ModelRegistry registry, AudioOptions opts, PerceptRouter router,
            RecognizerLoader loader) throws IOException {
        this.router = router;
        this.loader = loader;
        long start = System.nanoTime();
        vad = SileroVad.load(inference, registry, VAD_MODEL);
        options = opts;
        if (opts.preloadRecognizers()) {
            recognizers();
        }
        LOG.info("audio module active: VAD loaded in {} ms, {} {} recogniser(s) loading {}: {}",
                (System.nanoTime() - start) / 1_000_000, opts.recognizers(), opts.mode(),
                opts.preloadRecognizers() ? "now" : "at the first audio percept", opts);
    }

    /** The recognisers, loaded or loading; the first call starts the load with the options of that moment. */
    private synchronized CompletableFuture<Recognizers> recognizers() {
        if (recognizers == null) {
            recognizers = loadInBackground(options, loader);
        }
        return recognizers;
    }

    /** Starts loading the recognisers on a thread that ends with the load; failure is logged and kept. */
    private static CompletableFuture<Recognizers> loadInBackground(AudioOptions opts, RecognizerLoader loader) {
        CompletableFuture<Recognizers> loading = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                loading.complete(loader.load(opts));
                LOG.info("audio module: {} {} recogniser(s) loaded in {} ms", opts.recognizers(), opts.mode(),
                        (System.nanoTime() - start) / 1_000_000);
            } catch (IOException | RuntimeException | Error e) {
                LOG.error("audio module: cannot load {} {} recogniser(s); its utterances are refused ({}): {}",
                        opts.recognizers(), opts.mode(), RECOGNIZER_FAILED, e.toString());
                loading.completeExceptionally(e);
            }
        }, "cogos-audio-recognizer-loader");
        thread.setDaemon(true);
        thread.start();
        return loading;
    }

    /**
     * New VAD parameters apply from the next percept; a new mode or pool size loads new recognisers first and swaps
     * them in once no robot is decoding. A rejected change keeps the module running on its previous parameters.
     */
    @Modified
    void modified(AudioConfig config) throws InterruptedException {
        AudioOptions next;
        try {
            next = AudioOptions.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("audio module keeps {}: {}", options, e.getMessage());
            return;
        }
        synchronized (this) {
            if (next.sameRecognizers(options) || recognizers == null) {
                // None loaded yet: the first audio percept loads them with these options.
                options = next;
                LOG.info("audio module parameters updated: {}", next);
                if (next.preloadRecognizers()) {
                    recognizers();
                }
                return;
            }
        }
        Recognizers fresh;
        try {
            fresh = Recognizers.create(next.mode(), next.recognizers());
        } catch (IOException | RuntimeException e) {
            LOG.error("audio module keeps {}: cannot load {} {} recogniser(s): {}", options, next.recognizers(),
                    next.mode(), e.toString());
            return;
        }
        CompletableFuture<Recognizers> old;
        recognizersLock.writeLock().lock();
        try {
            synchronized (this) {
                old = recognizers;
                recognizers = CompletableFuture.completedFuture(fresh);
                options = next;
            }
        } finally {
            recognizersLock.writeLock().unlock();
        }
        close(old);
        LOG.info("audio module parameters updated, recognisers replaced: {}", next);
    }

    /**
     * Transcribes the speech pending in every robot's stream and passes it on, then frees the recognisers and
     * unloads the VAD model. The runtime has taken the module out of routing and let its calls finish by then.
     */
    @Deactivate
    void deactivate() throws InterruptedException {
        recognizersLock.writeLock().lock();
        try {
            AudioOptions opts = options;
            int flushed = 0;
            for (Map.Entry<String, Stream> entry : streams.entrySet()) {
                Stream stream = entry.getValue();
                for (Utterance utterance : stream.segmenter.finish(opts, "flush")) {
                    Recognizers loaded = loaded(recognizers());
                    if (loaded == null) {
                        LOG.warn("robot {}: speech {}-{} ms pending at deactivation not transcribed: no recogniser",
                                entry.getKey(), utterance.startMs(), utterance.endMs());
                        continue;
                    }
                    Transcript transcript = loaded.transcribe(utterance.audio());
                    boolean command = isCommand(transcript, opts);
                    LOG.info("robot {}: speech {}-{} ms pending at deactivation: '{}' (margin {}){}", entry.getKey(),
                            utterance.startMs(), utterance.endMs(), transcript.words(), margin(transcript),
                            command ? "" : ", no command");
                    if (command) {
                        forward(stream.last, transcript.words());
                    } else {
                        utterancesRejected.incrementAndGet();
                    }
                    flushed++;
                }
            }
            streams.clear();
            LOG.info("audio module stopping: {} pending utterance(s) transcribed; {} transcripts forwarded, {} refused "
                    + "by the router, {} utterances rejected as no command in all", flushed,
                    transcriptsForwarded.get(), transcriptsRefused.get(), utterancesRejected.get());
        } finally {
            try {
                CompletableFuture<Recognizers> loading = recognizers;
                if (loading != null) {
                    close(loading);
                }
            } finally {
                recognizersLock.writeLock().unlock();
                vad.close();
            }
        }
    }

    @Override
    public Observation process(Percept percept) throws PerceptException {
        AudioPayload audio = AudioPayload.decode(percept.payload());
        if (recognizers == null) {
            // Loading while the VAD collects the first utterance shortens its wait.
            recognizers();
        }
        AudioOptions opts = options;
        Stream stream = streams.computeIfAbsent(percept.robotId(), robot -> new Stream(new SpeechSegmenter(vad)));
        stream.last = percept;
        List<Utterance> utterances = new ArrayList<>();
        if (audio.recording()) {
            // A WAV file is a recording of its own: speech pending in the raw stream before it ends here.
            utterances.addAll(stream.segmenter.finish(opts, "end_of_stream"));
        }
        utterances.addAll(stream.segmenter.accept(audio.samples(), opts));
        if (audio.recording()) {
            utterances.addAll(stream.segmenter.finish(opts, "end_of_recording"));
        }
        List<Detection> detections = new ArrayList<>(utterances.size());
        for (Utterance utterance : utterances) {
            detections.add(transcribe(percept, utterance, opts));
        }
        return new Observation(percept.robotId(), percept.modality(), MODULE, percept.sequence(), -1,
                percept.receivedNanos(), System.currentTimeMillis(), detections);
    }

    private Detection transcribe(Percept percept, Utterance utterance, AudioOptions opts) throws PerceptException {
        Transcript transcript;
        String mode;
        long start = System.nanoTime();
        recognizersLock.readLock().lock();
        try {
            Recognizers loaded = loaded(recognizers());
            if (loaded == null) {
                throw new PerceptException(RECOGNIZER_FAILED, "speech " + utterance.startMs() + "-"
                        + utterance.endMs() + " ms not transcribed: the speech recognisers failed to load (karaf.log)");
            }
            mode = loaded.mode();
            transcript = loaded.transcribe(utterance.audio());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a speech recogniser", e);
        } finally {
            recognizersLock.readLock().unlock();
        }
        long decodeMicros = (System.nanoTime() - start) / 1000;
        boolean command = isCommand(transcript, opts);
        LOG.debug("robot {} seq {}: speech {}-{} ms ({}), decoded in {} us: '{}', margin {}{}", percept.robotId(),
                percept.sequence(), utterance.startMs(), utterance.endMs(), utterance.ending(), decodeMicros,
                transcript.words(), margin(transcript), command ? "" : ", no command");
        double confidence = Math.min(1.0, Math.max(0.0, utterance.meanProbability()));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("transcript", command ? transcript.words() : "");
        attributes.put("start_ms", Long.toString(utterance.startMs()));
        attributes.put("end_ms", Long.toString(utterance.endMs()));
        attributes.put("vad_probability", String.format(Locale.ROOT, "%.3f", utterance.meanProbability()));
        attributes.put("mode", mode);
        attributes.put("ending", utterance.ending());
        if (!Double.isNaN(transcript.margin())) {
            attributes.put("command_margin", margin(transcript));
        }
        if (command) {
            forward(percept, transcript.words());
        } else {
            attributes.put("rejected", NO_COMMAND);
            if (!transcript.words().isEmpty()) {
                attributes.put("best_transcript", transcript.words());
            }
            long rejected = utterancesRejected.incrementAndGet();
            if (rejectedLog.occurred()) {
                LOG.info("robot {} seq {}: speech {}-{} ms is no command, not passed to the language module ({} so "
                        + "far): the grammar's best guess '{}' scores {} against the phone loop, below {}",
                        percept.robotId(), percept.sequence(), utterance.startMs(), utterance.endMs(), rejected,
                        transcript.words(), margin(transcript), threshold(transcript, opts));
            }
        }
        return Detection.nonSpatial("speech", confidence, attributes);
    }

    /**
     * Whether the words are taken as a command: in grammar mode only when the grammar explains the audio better
     * than the free phone loop by the threshold (speech that is no command would otherwise be forced onto the
     * nearest one: a string of digits became "wait thirty three seconds"). Large-vocabulary mode judges nothing;
     * the language module decides what its words mean.
     */
    static boolean isCommand(Transcript transcript, AudioOptions opts) {
        if (transcript.words().isEmpty()) {
            return false;
        }
        return Double.isNaN(transcript.margin()) || transcript.margin() >= threshold(transcript, opts);
    }

    private static double threshold(Transcript transcript, AudioOptions opts) {
        return STOP_COMMANDS.contains(action(transcript.words())) ? opts.minStopMargin() : opts.minCommandMargin();
    }

    /** The words without the politeness commands.gram allows around every command ([please | robot] ... [please | now]). */
    private static String action(String words) {
        String action = words;
        if (action.startsWith("please ") || action.startsWith("robot ")) {
            action = action.substring(action.indexOf(' ') + 1);
        }
        if (action.endsWith(" please")) {
            action = action.substring(0, action.length() - " please".length());
        } else if (action.endsWith(" now") && !action.equals("stop right now")) {
            action = action.substring(0, action.length() - " now".length());
        }
        return action;
    }

    private static String margin(Transcript transcript) {
        return String.format(Locale.ROOT, "%.3f", transcript.margin());
    }

    /**
     * Hands a transcript to the language module as a text percept. It keeps the sequence and times of the audio
     * percept it came from (a derived percept keeps its source's sequence), so latency is measured end to end.
     */
    private void forward(Percept source, String text) {
        byte[] json = ("{\"text\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text))
                + "\",\"source\":\"audio\"}").getBytes(StandardCharsets.UTF_8);
        try {
            router.submit(new Percept(source.robotId(), TEXT_MODALITY, source.sequence(), source.receivedNanos(),
                    source.receivedMillis(), json));
            transcriptsForwarded.incrementAndGet();
        } catch (IllegalStateException e) {
            long refused = transcriptsRefused.incrementAndGet();
            if (refusedLog.occurred()) {
                LOG.warn("robot {} seq {}: transcript '{}' not passed to the language module ({} refused so far): {}",
                        source.robotId(), source.sequence(), text, refused, e.getMessage());
            }
        }
    }

    /**
     * The recognisers once loaded, waiting for the load to end; null when it failed (already logged).
     *
     * @throws InterruptedException while waiting
     */
    private static Recognizers loaded(CompletableFuture<Recognizers> loading) throws InterruptedException {
        try {
            return loading.get();
        } catch (ExecutionException e) {
            return null;
        }
    }

    private static void close(CompletableFuture<Recognizers> loading) throws InterruptedException {
        Recognizers loaded = loaded(loading);
        if (loaded != null) {
            loaded.close();
        }
    }

    /** Utterances not passed on because they are no command, since activation. */
    long utterancesRejected() {
        return utterancesRejected.get();
    }

    /** Transcripts the router refused (full) since activation. */
    long transcriptsRefused() {
        return transcriptsRefused.get();
    }
}
