/**
 * Checks of module parameters against the bounds their Metatype declares, with the one message that a
 * hand-edited {@code etc/*.cfg} and {@code cog:param} both give.
 */
package org.cogos.api.config;
