package org.cogos.coordinator.internal;

import org.cogos.api.DecisionEngine;

/** A decision engine with its {@value DecisionEngine#ENGINE} name, for the log and {@code robot:scene}. */
record BoundEngine(DecisionEngine engine, String name) {
}
