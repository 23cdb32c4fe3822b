package org.cogos.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the embedded broker, configuration PID org.cogos.broker. */
@ObjectClassDefinition(id = BrokerConfig.PID, name = "cogos embedded MQTT broker",
        description = "The MQTT 5 broker cogos runs by default. It stays off when uri in org.cogos.mqtt points"
                + " at another broker.")
public @interface BrokerConfig {

    String PID = "org.cogos.broker";

    // Bounds are constants so that the Options check the very numbers Metatype shows (the annotation is
    // not visible at run time); cog:param reads them from the Metatype.
    String PORT_MIN = "1";
    String PORT_MAX = "65535";
    String MAX_MESSAGE_BYTES_MIN = "1024";
    String MAX_MESSAGE_BYTES_MAX = "268435456";
    String MAX_QUEUED_MESSAGES_PER_CLIENT_MIN = "1";
    String MAX_QUEUED_MESSAGES_PER_CLIENT_MAX = "1000000";
    String MAX_QUEUED_BYTES_PER_CLIENT_MIN = "1048576";
    String MAX_QUEUED_BYTES_PER_CLIENT_MAX = "17179869184";
    String MAX_CLIENTS_MIN = "1";
    String MAX_CLIENTS_MAX = "100000";
    String MAX_SESSION_EXPIRY_SECONDS_MIN = "0";
    String MAX_SESSION_EXPIRY_SECONDS_MAX = "31536000";
    String MAX_RETAINED_MESSAGES_MIN = "0";
    String MAX_RETAINED_MESSAGES_MAX = "10000000";
    String CONNECT_TIMEOUT_SECONDS_MIN = "1";
    String CONNECT_TIMEOUT_SECONDS_MAX = "300";

    @AttributeDefinition(name = "Enabled", description = "Run the embedded broker (when uri in org.cogos.mqtt"
            + " also points at it).")
    boolean enabled() default true;

    @AttributeDefinition(name = "Host", description = "Address to listen on. Robots need accounts (robot:add),"
            + " but the traffic is not encrypted: keep it on 127.0.0.1 or a network you trust.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = PORT_MIN, max = PORT_MAX, description = "TCP port to listen on.")
    int port() default 1883;

    @AttributeDefinition(name = "Maximum packet size", min = MAX_MESSAGE_BYTES_MIN, max = MAX_MESSAGE_BYTES_MAX,
            description = "Largest MQTT packet (bytes) a client may send; a larger one disconnects that client"
                    + " with reason 0x95. Advertised to MQTT 5 clients as Maximum Packet Size.")
    int maxMessageBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(name = "Queued messages per client",
            min = MAX_QUEUED_MESSAGES_PER_CLIENT_MIN, max = MAX_QUEUED_MESSAGES_PER_CLIENT_MAX,
            description = "Messages waiting per session (offline, slow, or at its receive maximum). When full,"
                    + " the newest message for that client is dropped and counted.")
    int maxQueuedMessagesPerClient() default 10_000;

    @AttributeDefinition(name = "Queued bytes per client",
            min = MAX_QUEUED_BYTES_PER_CLIENT_MIN, max = MAX_QUEUED_BYTES_PER_CLIENT_MAX,
            description = "Payload bytes waiting per session; the same drop rule applies.")
    long maxQueuedBytesPerClient() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Maximum sessions", min = MAX_CLIENTS_MIN, max = MAX_CLIENTS_MAX,
            description = "Sessions held at once: connected clients plus offline persistent sessions. Further"
                    + " clients are refused (MQTT 5: 0x97 quota exceeded; 3.1.1: server unavailable).")
    int maxClients() default 1000;

    @AttributeDefinition(name = "Maximum session expiry (s)",
            min = MAX_SESSION_EXPIRY_SECONDS_MIN, max = MAX_SESSION_EXPIRY_SECONDS_MAX,
            description = "Cap on the session expiry a client asks for (MQTT 3.1.1 persistent sessions get this"
                    + " value). 0 disables persistent sessions.")
    int maxSessionExpirySeconds() default 86_400;

    @AttributeDefinition(name = "Retained messages", min = MAX_RETAINED_MESSAGES_MIN, max = MAX_RETAINED_MESSAGES_MAX,
            description = "Topics with a retained message. A retained message for a new topic beyond this is"
                    + " refused (MQTT 5: PUBACK 0x97).")
    int maxRetainedMessages() default 100_000;

    @AttributeDefinition(name = "Connect timeout (s)",
            min = CONNECT_TIMEOUT_SECONDS_MIN, max = CONNECT_TIMEOUT_SECONDS_MAX,
            description = "Time a new connection has to send CONNECT before it is closed.")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Allow anonymous clients",
            description = "false: every client needs a user name and password: a robot its id and the password "
                    + "robot:add gave it, cogos's own client its service account (MQTT 5: CONNACK 0x87 without, "
                    + "0x86 for a wrong one). true: a client without a user name may publish and subscribe to "
                    + "anything, as any robot: for development on a machine of one's own only.")
    boolean allowAnonymous() default false;

    @AttributeDefinition(name = "Robot accounts file",
            description = "Where robot:add keeps the robots' password hashes (lines robot:hash, owner-only); "
                    + "empty: etc/cogos-robots.passwd of this Karaf.")
    String accountsFile() default "";

    String TLS_PORT_MIN = "0";

    @AttributeDefinition(name = "TLS port", min = TLS_PORT_MIN, max = PORT_MAX,
            description = "Port of a second listener, MQTT over TLS on the same host (Mosquitto's listener 8883 with "
                    + "certfile and keyfile); 0: none. Needs tlsCertFile and tlsKeyFile.")
    int tlsPort() default 0;

    @AttributeDefinition(name = "TLS certificate",
            description = "PEM file: the broker's certificate, then the rest of its chain (Mosquitto's certfile).")
    String tlsCertFile() default "";

    @AttributeDefinition(name = "TLS key",
            description = "PEM file: the broker's private key, PKCS#8, unencrypted, readable by Karaf's user only "
                    + "(Mosquitto's keyfile).")
    String tlsKeyFile() default "";

    @AttributeDefinition(name = "Robot certificate CA",
            description = "PEM file of the CA whose certificates identify robots (Mosquitto's cafile): a robot "
                    + "showing one is logged in as the id its certificate's CN names, without a password, if that "
                    + "robot has an account (robot:remove revokes it; use_identity_as_username). Empty: robots log "
                    + "in with passwords only.")
    String tlsCaFile() default "";

    @AttributeDefinition(name = "Require a robot certificate",
            description = "Refuse a TLS client without a certificate from the robot CA at the handshake "
                    + "(Mosquitto's require_certificate). Needs tlsCaFile.")
    boolean tlsRequireCertificate() default false;
}
