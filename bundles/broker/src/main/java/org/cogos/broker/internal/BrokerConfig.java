package org.cogos.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the embedded broker, configuration PID org.cogos.broker. */
@ObjectClassDefinition(id = "org.cogos.broker", name = "cogos embedded MQTT broker",
        description = "The MQTT 5 broker cogos runs by default. It stays off when uri in org.cogos.mqtt points"
                + " at another broker.")
public @interface BrokerConfig {

    @AttributeDefinition(name = "Enabled", description = "Run the embedded broker (when uri in org.cogos.mqtt"
            + " also points at it).")
    boolean enabled() default true;

    @AttributeDefinition(name = "Host", description = "Address to listen on. The broker has no authentication:"
            + " keep it on 127.0.0.1 unless the network is trusted.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "TCP port to listen on.")
    int port() default 1883;

    @AttributeDefinition(name = "Maximum packet size", min = "1024", max = "268435456",
            description = "Largest MQTT packet (bytes) a client may send; a larger one disconnects that client"
                    + " with reason 0x95. Advertised to MQTT 5 clients as Maximum Packet Size.")
    int maxMessageBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(name = "Queued messages per client", min = "1", max = "1000000",
            description = "Messages waiting per session (offline, slow, or at its receive maximum). When full,"
                    + " the newest message for that client is dropped and counted.")
    int maxQueuedMessagesPerClient() default 10_000;

    @AttributeDefinition(name = "Queued bytes per client", min = "1048576", max = "17179869184",
            description = "Payload bytes waiting per session; the same drop rule applies.")
    long maxQueuedBytesPerClient() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Maximum sessions", min = "1", max = "100000",
            description = "Sessions held at once: connected clients plus offline persistent sessions. Further"
                    + " clients are refused (MQTT 5: 0x97 quota exceeded; 3.1.1: server unavailable).")
    int maxClients() default 1000;

    @AttributeDefinition(name = "Maximum session expiry (s)", min = "0", max = "31536000",
            description = "Cap on the session expiry a client asks for (MQTT 3.1.1 persistent sessions get this"
                    + " value). 0 disables persistent sessions.")
    int maxSessionExpirySeconds() default 86_400;

    @AttributeDefinition(name = "Retained messages", min = "0", max = "10000000",
            description = "Topics with a retained message. A retained message for a new topic beyond this is"
                    + " refused (MQTT 5: PUBACK 0x97).")
    int maxRetainedMessages() default 100_000;

    @AttributeDefinition(name = "Connect timeout (s)", min = "1", max = "300",
            description = "Time a new connection has to send CONNECT before it is closed.")
    int connectTimeoutSeconds() default 10;
}
