package org.cogos.api.admin;

import java.util.Locale;

/** What {@code cog:lsmod} shows in a module's State column; {@link #toString()} is that word. */
public enum ModuleState {
    /** Its bundle is active and it serves its modalities. */
    LIVE,
    /** Its bundle is starting. */
    LOADING,
    /** Its bundle is stopping. */
    UNLOADING,
    /** Its bundle is installed but not active. */
    STOPPED,
    /** Active, but taken out of the router after repeated faults (Linux: a tainting module). */
    QUARANTINED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
