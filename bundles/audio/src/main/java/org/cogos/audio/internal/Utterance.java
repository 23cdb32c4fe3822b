package org.cogos.audio.internal;

/**
 * One stretch of speech the VAD found in a robot's stream.
 *
 * @param audio           the samples to transcribe: the speech with up to speechPadMs either side
 * @param startSample     first sample of the speech, counted from the start of the robot's stream
 * @param endSample       sample after the last one of the speech
 * @param meanProbability mean Silero speech probability of the speech frames
 * @param ending          why it ended: {@code silence}, {@code end_of_recording} (end of a WAV file),
 *                        {@code max_length} (cut at maxUtteranceSeconds) or {@code flush} (the module stopped)
 */
record Utterance(short[] audio, long startSample, long endSample, double meanProbability, String ending) {

    long startMs() {
        return startSample * 1000 / AudioPayload.SAMPLE_RATE;
    }

    long endMs() {
        return endSample * 1000 / AudioPayload.SAMPLE_RATE;
    }
}
