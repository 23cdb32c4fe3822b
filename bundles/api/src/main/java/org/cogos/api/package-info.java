/** The cogos data model (percepts, observations, scenes, actions) and the SPIs that modules implement. */
package org.cogos.api;
