/**
 * cogos's audit trail ({@code cog:audit}): who changed what and with which outcome, on a tamper-evident file
 * (docs/security.md).
 */
@Version("0.1.0")
package org.cogos.api.audit;

import org.osgi.annotation.versioning.Version;
