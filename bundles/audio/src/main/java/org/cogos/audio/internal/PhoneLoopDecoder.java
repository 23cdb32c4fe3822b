package org.cogos.audio.internal;

import edu.cmu.sphinx.decoder.Decoder;

/**
 * Sphinx4's decoder, under a class of its own so that {@link SphinxRecognizer} can look up the phone-loop decoder
 * of org.cogos.audio.sphinx4.xml by its class (Sphinx4's {@code Context} finds components only by class, and the
 * configuration holds another {@link Decoder}, the grammar recogniser's). Public with a public constructor because
 * Sphinx4 instantiates it by reflection.
 */
public final class PhoneLoopDecoder extends Decoder {
}
