package org.cogos.broker.internal;

import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties;

/** Typed reads of Netty's MQTT 5 properties. */
final class MqttProps {

    private MqttProps() {
    }

    static Integer integer(MqttProperties properties, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(type.value());
        return p == null ? null : (Integer) p.value();
    }

    /** A Four Byte Integer property, which is unsigned. */
    static Long unsigned(MqttProperties properties, MqttPropertyType type) {
        Integer value = integer(properties, type);
        return value == null ? null : Integer.toUnsignedLong(value);
    }

    static String string(MqttProperties properties, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(type.value());
        return p == null ? null : (String) p.value();
    }

    static byte[] binary(MqttProperties properties, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> p = properties.getProperty(type.value());
        return p == null ? null : (byte[]) p.value();
    }

    static boolean has(MqttProperties properties, MqttPropertyType type) {
        return !properties.getProperties(type.value()).isEmpty();
    }
}
