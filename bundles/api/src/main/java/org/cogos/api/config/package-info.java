/**
 * Checks of module parameters against the bounds their Metatype declares, with the one message that a
 * hand-edited {@code etc/*.cfg} and {@code cog:param} both give.
 */
@Version("0.1.0")
package org.cogos.api.config;

import org.osgi.annotation.versioning.Version;
