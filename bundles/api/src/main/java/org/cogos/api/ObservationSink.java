package org.cogos.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every observation the runtime produces (whiteboard). Called on the robot's routing thread in
 * order, so implementations must return quickly.
 */
@ConsumerType
public interface ObservationSink {

    void accept(Observation observation);
}
