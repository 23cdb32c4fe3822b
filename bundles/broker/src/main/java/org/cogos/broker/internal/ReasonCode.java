package org.cogos.broker.internal;

/** MQTT 5 reason codes the broker sends (MQTT 5 section 2.4). */
final class ReasonCode {
    static final byte SUCCESS = 0x00;
    static final byte NO_MATCHING_SUBSCRIBERS = 0x10;
    static final byte NO_SUBSCRIPTION_EXISTED = 0x11;
    static final byte MALFORMED_PACKET = (byte) 0x81;
    static final byte PROTOCOL_ERROR = (byte) 0x82;
    static final byte CLIENT_IDENTIFIER_NOT_VALID = (byte) 0x85;
    static final byte BAD_USER_NAME_OR_PASSWORD = (byte) 0x86;
    static final byte NOT_AUTHORIZED = (byte) 0x87;
    static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
    static final byte BAD_AUTHENTICATION_METHOD = (byte) 0x8C;
    static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    static final byte TOPIC_FILTER_INVALID = (byte) 0x8F;
    static final byte TOPIC_NAME_INVALID = (byte) 0x90;
    static final byte PACKET_IDENTIFIER_NOT_FOUND = (byte) 0x92;
    static final byte TOPIC_ALIAS_INVALID = (byte) 0x94;
    static final byte PACKET_TOO_LARGE = (byte) 0x95;
    static final byte QUOTA_EXCEEDED = (byte) 0x97;
    static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;
    static final byte QOS_NOT_SUPPORTED = (byte) 0x9B;

    private ReasonCode() {
    }

    static String hex(byte code) {
        return String.format("0x%02X", code & 0xFF);
    }
}
