package org.cogos.mqtt.internal;

/** What became of a publish request. */
enum PublishResult {
    /** Handed to the client; QoS 1 messages are then retried by the client until the broker acknowledges. */
    SENT,
    /** The broker's Receive Maximum of unacknowledged QoS 1 messages is reached; try again shortly. */
    WINDOW_FULL,
    /** No connection now; try again once connected. */
    NOT_CONNECTED,
    /** Refused for good (invalid topic, packet larger than the broker accepts). */
    FAILED
}
