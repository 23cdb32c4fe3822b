/**
 * Administration of the RaBAB reasoning engine ({@code rabab:*} shell commands): its predicates and their
 * reliability, rule changes at run time, and its knowledge graph. Kept in the API so that the shell resolves
 * without the reasoning module loaded.
 */
@Version("0.1.0")
package org.cogos.api.reasoning;

import org.osgi.annotation.versioning.Version;
