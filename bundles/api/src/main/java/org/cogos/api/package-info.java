/** The cogos data model (percepts, observations, scenes, actions) and the SPIs that modules implement. */
@Version("0.1.0")
package org.cogos.api;

import org.osgi.annotation.versioning.Version;
