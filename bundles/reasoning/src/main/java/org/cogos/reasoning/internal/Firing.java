package org.cogos.reasoning.internal;

import org.cogos.api.Provenance;

/**
 * A behaviour whose goal held in a scene, with the facts it holds for and the provenance its actions carry.
 *
 * @param joined whether its acts follow those of the behaviour it {@linkplain Behaviour#joins() joins}, which
 *               fired in the same decision and holds the actuator
 */
record Firing(Behaviour behaviour, Binding binding, Provenance provenance, boolean joined) {
}
