package org.cogos.language.internal;

/**
 * One sentence as OpenNLP saw it; the three arrays are parallel.
 *
 * @param text   the sentence
 * @param tokens its tokens
 * @param tags   Universal Dependencies part-of-speech tags (NOUN, VERB, ADJ, ...)
 * @param lemmas dictionary forms
 */
record AnalysedSentence(String text, String[] tokens, String[] tags, String[] lemmas) {
}
