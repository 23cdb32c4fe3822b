package org.cogos.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the MQTT link ({@code etc/org.cogos.mqtt.cfg}); shared by all components of this bundle. */
@ObjectClassDefinition(id = MqttConfig.PID, name = "cogos MQTT link",
        description = "Connection to the MQTT 5 broker, sensor ingest, action outbox and robot registry.")
public @interface MqttConfig {

    String PID = "org.cogos.mqtt";

    // Bounds are constants so that MqttOptions checks the very numbers Metatype shows (the annotation itself is
    // not visible at run time).
    String SESSION_EXPIRY_MIN = "0";
    String SESSION_EXPIRY_MAX = "4294967295";
    String KEEP_ALIVE_MIN = "5";
    String KEEP_ALIVE_MAX = "3600";
    String RECONNECT_DELAY_MIN = "100";
    String RECONNECT_DELAY_MAX = "600000";
    String INFLIGHT_MIN = "10";
    String INFLIGHT_MAX = "65535";
    String UNCLAIMED_MIN = "0";
    String UNCLAIMED_MAX = "1000000";
    String UNCLAIMED_HOLD_MIN = "1";
    String UNCLAIMED_HOLD_MAX = "3600";
    String PAYLOAD_MIN = "1024";
    String PAYLOAD_MAX = "268435455";
    String ROBOT_RATE_MIN = "0";
    String ROBOT_RATE_MAX = "1000000";
    String OUTBOX_CAPACITY_MIN = "1";
    String OUTBOX_CAPACITY_MAX = "1000000";
    String ACK_TIMEOUT_MIN = "100";
    String ACK_TIMEOUT_MAX = "3600000";
    String ATTEMPTS_MIN = "1";
    String ATTEMPTS_MAX = "1000";

    @AttributeDefinition(name = "Broker URI", description = "tcp://, ssl://, ws:// or wss:// URI of the MQTT 5 broker.")
    String uri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Client id", description = "MQTT client id of cogos. The broker keeps this id's "
            + "session (subscriptions, queued messages) across reconnects, so only one cogos may use it.")
    String clientId() default "cogos";

    @AttributeDefinition(name = "User name", description = "Broker user name; empty for anonymous.", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Broker password; used only with a user name.")
    String password() default "";

    @AttributeDefinition(name = "Trust store", required = false,
            description = "ssl:// only: a PKCS12 or JKS file with the certificates of the CAs the broker's "
                    + "certificate must chain to (e.g. the site's robots CA); empty: the JVM's default trust store.")
    String trustStore() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the trust store; empty when it has none.")
    String trustStorePassword() default "";

    @AttributeDefinition(name = "Key store", required = false,
            description = "ssl:// only: a PKCS12 or JKS file with cogos's client certificate and its key, for a "
                    + "broker that asks for one (require_certificate); empty: none.")
    String keyStore() default "";

    @AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the key store and of the key in it.")
    String keyStorePassword() default "";

    @AttributeDefinition(name = "Check the broker's host name",
            description = "ssl:// only: refuse a broker whose certificate does not name the host of uri. Turn off "
                    + "for a test set-up only: then any certificate the trust store accepts passes for any broker.")
    boolean hostnameVerification() default true;

    @AttributeDefinition(name = "Topic prefix", description = "First levels of every cogos topic, e.g. cogos/v1.")
    String topicPrefix() default "cogos/v1";

    @AttributeDefinition(name = "Session expiry (s)", min = SESSION_EXPIRY_MIN, max = SESSION_EXPIRY_MAX,
            description = "How long the broker keeps cogos' session and queues robot messages for it while "
                    + "cogos is disconnected or restarting. 0 ends the session at disconnect.")
    long sessionExpirySeconds() default 3600;

    @AttributeDefinition(name = "Keep-alive (s)", min = KEEP_ALIVE_MIN, max = KEEP_ALIVE_MAX,
            description = "MQTT keep-alive; a dead broker connection is noticed within about 1.5 times this.")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Maximum reconnect delay (ms)", min = RECONNECT_DELAY_MIN, max = RECONNECT_DELAY_MAX,
            description = "Connection attempts, the first and those after a loss, back off from 100 ms doubling up "
                    + "to this delay, each drawn between half of it and all of it (jitter). Once the broker is "
                    + "reachable again, cogos is connected within about this long.")
    int reconnectMaxDelayMs() default 1000;

    @AttributeDefinition(name = "Maximum in-flight messages", min = INFLIGHT_MIN, max = INFLIGHT_MAX,
            description = "Receive Maximum announced to the broker: QoS 1 messages it may send cogos before "
                    + "waiting for acknowledgements. The outbound window is the broker's own Receive Maximum.")
    int maxInflight() default 1000;

    @AttributeDefinition(name = "Unclaimed message capacity", min = UNCLAIMED_MIN, max = UNCLAIMED_MAX,
            description = "Messages held unacknowledged while no component takes their topic (queued by the "
                    + "broker while cogos restarted, or arriving while ingest restarts); beyond this the oldest "
                    + "are dropped. Held messages count against maxInflight.")
    int unclaimedCapacity() default 1000;

    @AttributeDefinition(name = "Unclaimed hold time (s)", min = UNCLAIMED_HOLD_MIN, max = UNCLAIMED_HOLD_MAX,
            description = "Held messages no component took within this time are dropped, so that topics nobody "
                    + "serves cannot fill the in-flight window.")
    int unclaimedHoldSeconds() default 30;

    @AttributeDefinition(name = "Maximum sensor payload (bytes)", min = PAYLOAD_MIN, max = PAYLOAD_MAX,
            description = "Larger sensor messages are refused with error code too_large.")
    int maxPayloadBytes() default 1048576;

    @AttributeDefinition(name = "Maximum percepts per second per robot", min = ROBOT_RATE_MIN, max = ROBOT_RATE_MAX,
            description = "A robot's sensor messages beyond this rate (all its modalities together, in bursts of "
                    + "up to one second's worth) are refused with error code rate_limited, so a runaway robot "
                    + "cannot take the others' share of cogos; 0: no limit.")
    int maxPerceptsPerSecondPerRobot() default 2000;

    @AttributeDefinition(name = "Outbox directory", required = false,
            description = "Where pending actions are stored; empty means ${karaf.data}/cogos/outbox "
                    + "(data/cogos/outbox under the working directory outside Karaf). Read at activation.")
    String outboxDir() default "";

    @AttributeDefinition(name = "Outbox capacity", min = OUTBOX_CAPACITY_MIN, max = OUTBOX_CAPACITY_MAX,
            description = "Most actions waiting for an ack; sending more fails until robots acknowledge. A stop "
                    + "is refused only at twice this: stops have a reserve of their own.")
    int outboxCapacity() default 10000;

    @AttributeDefinition(name = "Ack timeout (ms)", min = ACK_TIMEOUT_MIN, max = ACK_TIMEOUT_MAX,
            description = "An action not acknowledged this long after it was published is published again "
                    + "with the same action id.")
    int ackTimeoutMs() default 5000;

    @AttributeDefinition(name = "Maximum delivery attempts", min = ATTEMPTS_MIN, max = ATTEMPTS_MAX,
            description = "Publications of an action without an ack before it is dead-lettered (appended to "
                    + "dead.jsonl in the outbox directory).")
    int maxDeliveryAttempts() default 10;
}
