package org.cogos.audio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Parameters of the audio module (PID {@value #PID}); the bounds are enforced by {@link AudioOptions}. */
@ObjectClassDefinition(id = AudioConfig.PID, name = "cogos audio",
        description = "Finds speech in 16 kHz PCM audio percepts (Silero VAD) and transcribes each utterance "
                + "(CMU Sphinx4); transcripts go on to the language module as text percepts.")
public @interface AudioConfig {

    String PID = "org.cogos.audio";

    // Bounds are constants so that the module's Options check the very numbers Metatype shows (the
    // annotation is not visible at run time); cog:param reads them from the Metatype.
    String VAD_THRESHOLD_MIN = "0.05";
    String VAD_THRESHOLD_MAX = "0.95";
    String MIN_SILENCE_MS_MIN = "32";
    String MIN_SILENCE_MS_MAX = "5000";
    String MIN_SPEECH_MS_MIN = "0";
    String MIN_SPEECH_MS_MAX = "5000";
    String SPEECH_PAD_MS_MIN = "0";
    String SPEECH_PAD_MS_MAX = "1000";
    String MAX_UTTERANCE_SECONDS_MIN = "1";
    String MAX_UTTERANCE_SECONDS_MAX = "60";
    String RECOGNIZERS_MIN = "1";
    String RECOGNIZERS_MAX = "8";
    String MARGIN_MIN = "-10";
    String MARGIN_MAX = "10";

    @AttributeDefinition(name = "VAD threshold", min = VAD_THRESHOLD_MIN, max = VAD_THRESHOLD_MAX,
            description = "A 32 ms frame whose Silero speech probability reaches this starts or continues speech; "
                    + "speech ends after frames below the threshold minus 0.15.")
    double vadThreshold() default 0.5;

    @AttributeDefinition(name = "Minimum silence (ms)", min = MIN_SILENCE_MS_MIN, max = MIN_SILENCE_MS_MAX,
            description = "An utterance ends after this much non-speech.")
    int minSilenceMs() default 500;

    @AttributeDefinition(name = "Minimum speech (ms)", min = MIN_SPEECH_MS_MIN, max = MIN_SPEECH_MS_MAX,
            description = "Speech shorter than this (a click, a cough) is dropped, not transcribed.")
    int minSpeechMs() default 200;

    @AttributeDefinition(name = "Speech padding (ms)", min = SPEECH_PAD_MS_MIN, max = SPEECH_PAD_MS_MAX,
            description = "Audio kept before the first and after the last speech frame of an utterance when it is "
                    + "handed to the recogniser, which needs some non-speech to estimate the noise before it.")
    int speechPadMs() default 300;

    @AttributeDefinition(name = "Maximum utterance (s)",
            min = MAX_UTTERANCE_SECONDS_MIN, max = MAX_UTTERANCE_SECONDS_MAX,
            description = "Speech that goes on longer is cut here and transcribed; what follows starts a new "
                    + "utterance. Also bounds the audio kept per robot.")
    int maxUtteranceSeconds() default 15;

    @AttributeDefinition(name = "Recognition mode", options = {
            @Option(label = "Robot command grammar", value = AudioOptions.GRAMMAR),
            @Option(label = "Large vocabulary (en-us language model)", value = AudioOptions.LARGE_VOCABULARY)},
            description = "grammar: only the robot commands of the module's JSGF grammar (fast, robust); "
                    + "large-vocabulary: any English, with the CMU en-us trigram model (slower, less accurate).")
    String mode() default AudioOptions.GRAMMAR;

    @AttributeDefinition(name = "Minimum command margin", min = MARGIN_MIN, max = MARGIN_MAX,
            description = "Grammar mode: an utterance is taken as a command only when the best path through the "
                    + "command grammar scores at least this much better than a free loop of phones (natural log "
                    + "per 10 ms frame); otherwise it is reported as rejected (no_command) and not passed to the "
                    + "language module. Higher rejects more chatter and more commands.")
    double minCommandMargin() default 0.4;

    @AttributeDefinition(name = "Minimum stop margin", min = MARGIN_MIN, max = MARGIN_MAX,
            description = "The same for stop, halt, freeze, pause and emergency stop: lower, because a missed stop "
                    + "costs more than a needless one.")
    double minStopMargin() default -0.5;

    @AttributeDefinition(name = "Recognisers", min = RECOGNIZERS_MIN, max = RECOGNIZERS_MAX,
            description = "Sphinx4 recognisers kept loaded and shared by all robots; a robot waits when all are "
                    + "busy. Each holds its own acoustic model (about 120 MB of heap, 145 MB in large-vocabulary "
                    + "mode).")
    int recognizers() default 1;

    @AttributeDefinition(name = "Load recognisers at start",
            description = "false: the recognisers load (a few seconds, on a thread of their own) when the first "
                    + "audio percept arrives, and that robot's first utterance waits for them; a start does not "
                    + "wait, and a cogos whose robots never send audio never holds them. true: they load when the "
                    + "module starts, ready for the first utterance, at the cost of a slower start.")
    boolean preloadRecognizers() default false;
}
