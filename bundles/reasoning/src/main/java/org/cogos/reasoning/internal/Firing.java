package org.cogos.reasoning.internal;

import org.cogos.api.Provenance;

/** A behaviour whose goal held in a scene, with the facts it holds for and the provenance its actions carry. */
record Firing(Behaviour behaviour, Binding binding, Provenance provenance) {
}
