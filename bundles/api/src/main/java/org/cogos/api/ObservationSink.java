package org.cogos.api;

/**
 * Receives every observation the runtime produces (whiteboard). Called on the robot's routing thread in
 * order, so implementations must return quickly.
 */
public interface ObservationSink {

    void accept(Observation observation);
}
