package org.cogos.api.admin;

import java.util.List;

/** The robots cogos has heard of; implemented by the MQTT bundle. */
public interface RobotRegistry {

    /** @return all known robots sorted by id */
    List<RobotStatus> robots();
}
