package org.cogos.flow;

/**
 * The verdict on two flows. {@code proven} is sound (the rules established equality); {@code false} only means
 * "not shown equal": after {@link StopReason#SATURATED} the rules cannot relate them, after a limit they might.
 *
 * @param proven     whether both flows ended in one e-class
 * @param saturation what equality saturation did
 */
record Equivalence(boolean proven, SaturationReport saturation) {
}
