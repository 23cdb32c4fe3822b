package org.cogos.broker.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * An application message as the broker received it: immutable, so one instance is shared by every session it
 * is queued for and by the retained store. The payload is copied out of Netty's buffer once on arrival, which
 * keeps reference counting out of queues that may live for hours.
 *
 * <p>Only the properties MQTT 5 says the broker forwards unaltered are kept: payload format indicator, message
 * expiry, content type, response topic, correlation data and user properties (in their order).
 */
final class Publication {

    final String topic;
    final int qos;
    final boolean retain;
    final byte[] payload;
    /** Client id of the publisher, for the No Local subscription option. */
    final String publisherId;
    /** Payload format indicator (0 bytes, 1 UTF-8) or null when the publisher did not set it. */
    final Integer payloadFormat;
    /** Message Expiry Interval in seconds, or -1 when the publisher set none. */
    final long expirySeconds;
    /** System.nanoTime() when the broker received (or, for a will, published) the message. */
    final long receivedNanos;
    final String contentType;
    final String responseTopic;
    final byte[] correlationData;
    final List<StringPair> userProperties;

    private final int topicBytes;
    private final int fixedPropertyBytes;

    Publication(String topic, int qos, boolean retain, byte[] payload, String publisherId, Integer payloadFormat,
            long expirySeconds, long receivedNanos, String contentType, String responseTopic, byte[] correlationData,
            List<StringPair> userProperties) {
        this.topic = topic;
        this.qos = qos;
        this.retain = retain;
        this.payload = payload;
        this.publisherId = publisherId;
        this.payloadFormat = payloadFormat;
        this.expirySeconds = expirySeconds;
        this.receivedNanos = receivedNanos;
        this.contentType = contentType;
        this.responseTopic = responseTopic;
        this.correlationData = correlationData;
        this.userProperties = List.copyOf(userProperties);
        this.topicBytes = utf8Length(topic);
        this.fixedPropertyBytes = fixedPropertyBytes();
    }

    /**
     * A message from a client's PUBLISH or will, with its MQTT 5 properties checked: a payload that is not UTF-8
     * although the Payload Format Indicator says so is refused with 0x99, a Response Topic with wildcards 0x82.
     */
    static Publication fromClient(String topic, int qos, boolean retain, byte[] payload, String publisherId,
            MqttProperties properties, long nowNanos) throws MqttProtocolException {
        Integer format = MqttProps.integer(properties, MqttPropertyType.PAYLOAD_FORMAT_INDICATOR);
        if (format != null && format != 0 && format != 1) {
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "Payload Format Indicator " + format);
        }
        if (format != null && format == 1 && !isUtf8(payload)) {
            throw new MqttProtocolException(ReasonCode.PAYLOAD_FORMAT_INVALID,
                    "payload on " + topic + " is not UTF-8 although its Payload Format Indicator says so");
        }
        Long expirySeconds = MqttProps.unsigned(properties, MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL);
        String responseTopic = MqttProps.string(properties, MqttPropertyType.RESPONSE_TOPIC);
        if (responseTopic != null && !TopicNames.isValidName(responseTopic)) {
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "invalid Response Topic " + responseTopic);
        }
        List<StringPair> userProperties = new ArrayList<>();
        for (MqttProperties.MqttProperty<?> p : properties.getProperties(MqttPropertyType.USER_PROPERTY.value())) {
            userProperties.add((StringPair) p.value());
        }
        return new Publication(topic, qos, retain, payload, publisherId, format,
                expirySeconds == null ? -1 : expirySeconds, nowNanos,
                MqttProps.string(properties, MqttPropertyType.CONTENT_TYPE), responseTopic,
                MqttProps.binary(properties, MqttPropertyType.CORRELATION_DATA), userProperties);
    }

    /** A copy with another retain flag. */
    Publication withRetain(boolean newRetain) {
        return new Publication(topic, qos, newRetain, payload, publisherId, payloadFormat, expirySeconds,
                receivedNanos, contentType, responseTopic, correlationData, userProperties);
    }

    /** A copy received at another time: a will's expiry interval starts when the will is published. */
    Publication receivedAt(long nanos) {
        return new Publication(topic, qos, retain, payload, publisherId, payloadFormat, expirySeconds, nanos,
                contentType, responseTopic, correlationData, userProperties);
    }

    boolean isExpired(long nowNanos) {
        return expirySeconds >= 0 && nowNanos - receivedNanos >= TimeUnit.SECONDS.toNanos(expirySeconds);
    }

    /** Message Expiry Interval to forward: what the publisher set minus the whole seconds it waited here. */
    long remainingExpirySeconds(long nowNanos) {
        return Math.max(1, expirySeconds - TimeUnit.NANOSECONDS.toSeconds(nowNanos - receivedNanos));
    }

    /** Bytes this message holds in a queue, for the per-client byte bound. */
    long footprint() {
        return payload.length + topicBytes + 64L;
    }

    /** The size of the PUBLISH packet this message becomes, to honour a client's Maximum Packet Size. */
    long encodedSize(int deliveryQos, boolean mqtt5, int[] subscriptionIds) {
        long remaining = 2L + topicBytes + (deliveryQos > 0 ? 2 : 0) + payload.length;
        if (mqtt5) {
            long properties = fixedPropertyBytes + (expirySeconds >= 0 ? 5 : 0);
            for (int id : subscriptionIds) {
                properties += 1 + variableByteIntegerLength(id);
            }
            remaining += variableByteIntegerLength(properties) + properties;
        }
        return 1 + variableByteIntegerLength(remaining) + remaining;
    }

    /** The MQTT 5 properties of a forwarded PUBLISH. */
    MqttProperties properties(int[] subscriptionIds, long nowNanos) {
        MqttProperties properties = new MqttProperties();
        if (payloadFormat != null) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), payloadFormat));
        }
        if (expirySeconds >= 0) {
            // Unsigned on the wire: the int cast keeps the bits of values above 2^31 - 1.
            properties.add(new MqttProperties.IntegerProperty(
                    MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), (int) remainingExpirySeconds(nowNanos)));
        }
        if (contentType != null) {
            properties.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), contentType));
        }
        if (responseTopic != null) {
            properties.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), responseTopic));
        }
        if (correlationData != null) {
            properties.add(new MqttProperties.BinaryProperty(
                    MqttPropertyType.CORRELATION_DATA.value(), correlationData));
        }
        if (!userProperties.isEmpty()) {
            properties.add(new MqttProperties.UserProperties(userProperties));
        }
        for (int id : subscriptionIds) {
            properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
        }
        return properties;
    }

    private int fixedPropertyBytes() {
        int bytes = 0;
        if (payloadFormat != null) {
            bytes += 2;
        }
        if (contentType != null) {
            bytes += 3 + utf8Length(contentType);
        }
        if (responseTopic != null) {
            bytes += 3 + utf8Length(responseTopic);
        }
        if (correlationData != null) {
            bytes += 3 + correlationData.length;
        }
        for (StringPair pair : userProperties) {
            bytes += 5 + utf8Length(pair.key) + utf8Length(pair.value);
        }
        return bytes;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int variableByteIntegerLength(long value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }
}
