package org.cogos.api.admin;

/**
 * The counters of the MQTT link ({@link MqttStatistics#counters()}, docs/mqtt-topics.md "Counters"), each with the
 * name it is shown and scraped by. Refused percepts are counted per error code besides, as
 * {@value #ERRORS_PREFIX}{@code <code>}.
 */
public enum MqttCounter {
    /** Connections made to the broker. */
    CONNECTION_CONNECTS("connection.connects"),
    /** Connections lost. */
    CONNECTION_LOST("connection.lost"),
    /** Messages received. */
    INBOUND_MESSAGES("inbound.messages"),
    /** Held messages dropped (capacity or hold time). */
    INBOUND_UNCLAIMED_DROPPED("inbound.unclaimed_dropped"),
    /** Messages whose handler threw (logged). */
    INBOUND_HANDLER_FAILURES("inbound.handler_failures"),
    /** Percepts handed to the router. */
    INGEST_PERCEPTS("ingest.percepts"),
    /** Error reports that could not be published on a robot's error topic. */
    ERRORS_UNPUBLISHED("errors.unpublished"),
    /** Actions accepted by the outbox. */
    OUTBOX_SENT("outbox.sent"),
    /** Publications of actions. */
    OUTBOX_PUBLISHED("outbox.published"),
    /** Re-publications of actions not acknowledged in time. */
    OUTBOX_REDELIVERED("outbox.redelivered"),
    /** Actions acknowledged. */
    OUTBOX_ACKED("outbox.acked"),
    /** Actions waiting for an ack now. */
    OUTBOX_PENDING("outbox.pending"),
    /** Actions given up after their last attempt (dead letters). */
    OUTBOX_DEAD("outbox.dead"),
    /** Journal lines that could not be read. */
    OUTBOX_CORRUPT("outbox.corrupt"),
    /**
     * Actions accepted and delivered while the journal could not be written (a full disk): kept in memory only
     * until the journal is rewritten, so lost if cogos also stops before that.
     */
    OUTBOX_UNJOURNALED("outbox.unjournaled"),
    /** Actions refused because the outbox was full. */
    OUTBOX_REFUSED_FULL("outbox.refused_full"),
    /** Acks for actions the outbox does not hold (duplicates, or acked before a restart). */
    OUTBOX_ACK_UNKNOWN("outbox.ack_unknown"),
    /** Acks that are not {"action_id", "status"} with a known status. */
    OUTBOX_ACK_MALFORMED("outbox.ack_malformed"),
    /** Robot status messages ignored. */
    REGISTRY_STATUS_MALFORMED("registry.status_malformed");

    /** Prefix of the per-code counters of refused percepts. */
    public static final String ERRORS_PREFIX = "errors.";

    private final String key;

    MqttCounter(String key) {
        this.key = key;
    }

    /** The name it is shown by, e.g. {@code outbox.pending}. */
    public String key() {
        return key;
    }
}
