package org.cogos.mqtt.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.cogos.api.Names;
import org.cogos.api.Percept;
import org.cogos.api.PerceptError;
import org.cogos.api.PerceptErrorSink;
import org.cogos.api.PerceptRouter;
import org.cogos.api.admin.MqttCounter;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns messages on {@code {prefix}/robots/{robot}/sensors/{modality}} into {@link Percept}s for the router.
 *
 * <p>Messages arrive on the link's single delivery thread, so each robot's ingest sequence follows arrival
 * order, and the broker's QoS 1 acknowledgement is sent only after {@link PerceptRouter#submit} returned: a
 * percept is queued in cogos before the broker forgets it.
 *
 * <p>There is no {@code @Modified}: a parameter change restarts the whole link, which loses nothing because
 * the broker queues for cogos' session and the link holds messages until ingest is back.
 */
@Component(service = {}, configurationPid = MqttConfig.PID, immediate = true)
public final class SensorIngest {

    /** The topic does not have the form robots/{robot}/sensors/{modality} with valid names. */
    static final String INVALID_TOPIC = "invalid_topic";
    /** The payload is larger than maxPayloadBytes. */
    static final String TOO_LARGE = "too_large";
    /** The robot sends faster than maxPerceptsPerSecondPerRobot. */
    static final String RATE_LIMITED = "rate_limited";
    /** The router's bound on queued percepts is reached. */
    static final String ROUTER_FULL = "router_full";
    /** The router failed for another reason. */
    static final String ROUTER_FAILED = "router_failed";

    private static final Logger LOG = LoggerFactory.getLogger(SensorIngest.class);

    private final MqttTopics topics;
    private final Counters counters;
    private final PerceptRouter router;
    private final PerceptErrorSink errors;
    private final ConcurrentHashMap<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final Registration subscription;
    private final Registration announcement;
    private final int maxPayloadBytes;
    private final RobotRateLimit rateLimit;

    @Activate
    public SensorIngest(@Reference BrokerLink link, @Reference PerceptRouter router,
            @Reference PerceptErrorPublisher errors, MqttConfig config) {
        this(link, router, errors, MqttOptions.from(config));
    }

    public SensorIngest(BrokerLink link, PerceptRouter router, PerceptErrorSink errors,
            MqttOptions options) {
        this.topics = link.topics();
        this.counters = link.counterSet();
        this.router = router;
        this.errors = errors;
        this.maxPayloadBytes = options.maxPayloadBytes();
        this.rateLimit = new RobotRateLimit(options.maxPerceptsPerSecondPerRobot());
        // Announced after every (re)connection, which renews this subscription first, and now if already connected:
        // subscribe() has waited for the broker's acknowledgement.
        this.announcement = link.onConnected(link::announceOnline);
        this.subscription = link.subscribe(topics.sensorsFilter(), 1, this::ingest);
        if (link.isConnected()) {
            link.announceOnline();
        }
    }

    @Deactivate
    public void close() {
        announcement.close();
        subscription.close();
    }

    private void ingest(String topic, MqttMessage message) {
        long receivedNanos = System.nanoTime();
        long receivedMillis = System.currentTimeMillis();
        MqttTopics.RobotTopic parts = topics.parse(topic);
        String robot = parts == null ? "" : parts.robot();
        String modality = parts == null || parts.rest() == null ? "" : parts.rest();
        if (parts == null || !parts.validRobot() || !Names.isValid(modality)) {
            refuse(robot, modality, -1, "ingest", INVALID_TOPIC, "topic must be " + topics.prefix()
                    + "/robots/{robot}/sensors/{modality} with names matching [A-Za-z0-9][A-Za-z0-9._-]{0,63}: "
                    + topic);
            return;
        }
        byte[] payload = message.getPayload();
        if (payload.length > maxPayloadBytes) {
            refuse(robot, modality, -1, "ingest", TOO_LARGE, payload.length + " bytes exceed maxPayloadBytes "
                    + maxPayloadBytes);
            return;
        }
        if (!rateLimit.tryAcquire(robot)) {
            refuse(robot, modality, -1, "ingest", RATE_LIMITED, "more than maxPerceptsPerSecondPerRobot "
                    + rateLimit.ratePerSecond() + " percepts/s");
            return;
        }
        long sequence = sequences.computeIfAbsent(robot, r -> new AtomicLong(firstSequence())).incrementAndGet();
        try {
            router.submit(new Percept(robot, modality, sequence, receivedNanos, receivedMillis, payload));
            counters.increment(MqttCounter.INGEST_PERCEPTS);
        } catch (IllegalStateException e) {
            refuse(robot, modality, sequence, "router", ROUTER_FULL, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("router failed on percept {} of {}/{}", sequence, robot, modality, e);
            refuse(robot, modality, sequence, "router", ROUTER_FAILED, e.toString());
        }
    }

    /**
     * Sequences start from the wall clock in microseconds, so they keep increasing across restarts of this
     * component (every change of org.cogos.mqtt restarts the link) unless a robot averages over a million
     * percepts per second.
     */
    private static long firstSequence() {
        return System.currentTimeMillis() * 1000;
    }

    private void refuse(String robot, String modality, long sequence, String module, String code, String detail) {
        errors.reject(new PerceptError(robot, modality, sequence, module, code, detail, System.currentTimeMillis()));
    }
}
