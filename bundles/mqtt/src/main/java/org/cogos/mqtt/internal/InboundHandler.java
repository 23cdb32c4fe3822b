package org.cogos.mqtt.internal;

import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Takes the messages of one subscription. Runs on the connection's single delivery thread. */
@FunctionalInterface
interface InboundHandler {

    void handle(String topic, MqttMessage message) throws Exception;
}
