package org.cogos.audio.internal;

/**
 * What a recogniser made of one utterance.
 *
 * @param words  the words of the best hypothesis, lower case, separated by single spaces; in grammar mode the best
 *               path through the command grammar, however poorly it fits (empty when no path reached the
 *               grammar's end)
 * @param margin grammar mode: how much better the grammar's best path scores than the free phone loop, in natural
 *               log units per 10 ms frame ({@code -Infinity} when no grammar path reached the end); {@code NaN} in
 *               large-vocabulary mode, which judges nothing
 */
record Transcript(String words, double margin) {

    static final Transcript NOTHING = new Transcript("", Double.NEGATIVE_INFINITY);
}
