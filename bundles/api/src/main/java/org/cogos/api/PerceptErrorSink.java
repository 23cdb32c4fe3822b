package org.cogos.api;

import org.osgi.annotation.versioning.ProviderType;

/** Receives refused percepts (whiteboard); the MQTT bundle publishes them on the robot's error topic. */
@ProviderType
public interface PerceptErrorSink {

    void reject(PerceptError error);
}
