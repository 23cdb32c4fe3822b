package org.cogos.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The bounded ring of module events; any bundle may add to it. */
@ProviderType
public interface ModuleEventLog {

    void log(String module, EventLevel level, String message);

    /** @return up to {@code max} newest events, oldest first */
    List<ModuleEvent> recent(int max);
}
