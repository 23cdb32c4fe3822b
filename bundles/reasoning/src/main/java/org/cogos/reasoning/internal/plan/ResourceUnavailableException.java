package org.cogos.reasoning.internal.plan;

import java.util.List;

/** A grant was refused because some resources were short; nothing was granted. */
public final class ResourceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String robotId;
    private final transient List<ResourceShortage> shortages;

    ResourceUnavailableException(String robotId, List<ResourceShortage> shortages) {
        super("robot '" + robotId + "': cannot grant, short of " + shortages);
        this.robotId = robotId;
        this.shortages = List.copyOf(shortages);
    }

    /** @return the robot whose resources were short */
    public String robotId() {
        return robotId;
    }

    /** @return every resource that was short, in the order the grant first claimed them */
    public List<ResourceShortage> shortages() {
        return shortages;
    }
}
