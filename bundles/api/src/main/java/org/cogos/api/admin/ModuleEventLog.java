package org.cogos.api.admin;

import java.util.List;

/** The bounded ring of module events; any bundle may add to it. */
public interface ModuleEventLog {

    void log(String module, String level, String message);

    /** @return up to {@code max} newest events, oldest first */
    List<ModuleEvent> recent(int max);
}
