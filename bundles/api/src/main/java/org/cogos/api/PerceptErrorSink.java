package org.cogos.api;

/** Receives refused percepts (whiteboard); the MQTT bundle publishes them on the robot's error topic. */
public interface PerceptErrorSink {

    void reject(PerceptError error);
}
