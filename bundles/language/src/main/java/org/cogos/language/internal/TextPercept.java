package org.cogos.language.internal;

/**
 * A decoded text percept.
 *
 * @param seq  the robot's own sequence number, or -1 when it sent none
 * @param text the utterance, not blank
 * @param lang the language the robot declared ({@code en}), or null
 */
record TextPercept(long seq, String text, String lang) {
}
