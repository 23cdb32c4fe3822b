package org.cogos.api.admin;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The newest LIDAR scan of each robot as the sensor module read it, for operators' views (the dashboard). */
@ProviderType
public interface ScanMonitor {

    /** @return the robot's newest scan, empty when none was read (or it was forgotten for robots scanning since) */
    Optional<ScanPoints> latest(String robotId);
}
