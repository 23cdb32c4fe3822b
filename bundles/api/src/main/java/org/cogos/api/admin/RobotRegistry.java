package org.cogos.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The robots cogos has heard of; implemented by the MQTT bundle. */
@ProviderType
public interface RobotRegistry {

    /** @return all known robots sorted by id */
    List<RobotStatus> robots();
}
