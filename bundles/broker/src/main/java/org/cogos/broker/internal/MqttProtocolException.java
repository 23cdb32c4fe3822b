package org.cogos.broker.internal;

/**
 * A client broke the protocol. The reason code is the MQTT 5 one to answer with (in CONNACK before the session
 * exists, in DISCONNECT afterwards); MQTT 3.1.1 clients are disconnected without one.
 */
final class MqttProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    final byte reasonCode;

    MqttProtocolException(byte reasonCode, String message) {
        super(message, null, false, false);
        this.reasonCode = reasonCode;
    }
}
