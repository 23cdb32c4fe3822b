package org.cogos.mqtt.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cogos.api.PerceptError;
import org.cogos.api.PerceptErrorSink;
import org.cogos.api.admin.MqttCounter;
import org.cogos.util.log.LogThrottle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells robots which of their percepts were refused, on {@code {prefix}/robots/{robot}/errors}, and counts the
 * refusals by code ({@code errors.<code>} in MqttStatistics). QoS 0, not retained: the report is advice for
 * the robot's developers, and must never hold up the link.
 */
@Component(service = {PerceptErrorSink.class, PerceptErrorPublisher.class}, immediate = true)
public final class PerceptErrorPublisher implements PerceptErrorSink {

    private static final Logger LOG = LoggerFactory.getLogger(PerceptErrorPublisher.class);

    private final BrokerLink link;
    private final Counters counters;
    /** One throttle per code: the first refusal of each code is worth an operator's attention. */
    private final ConcurrentMap<String, LogThrottle> logged = new ConcurrentHashMap<>();

    @Activate
    public PerceptErrorPublisher(@Reference BrokerLink link) {
        this.link = link;
        this.counters = link.counterSet();
    }

    @Override
    public void reject(PerceptError error) {
        String code = error.code() == null || error.code().isBlank() ? "unknown" : error.code();
        long count = counters.incrementError(code);
        if (logged.computeIfAbsent(code, c -> new LogThrottle()).occurred()) {
            LOG.warn("refused percept from {}/{} by {}: {} ({}); {} refused with this code so far",
                    error.robotId(), error.modality(), error.module(), code, error.detail(), count);
        } else {
            LOG.debug("refused percept from {}/{} by {}: {} ({})", error.robotId(), error.modality(),
                    error.module(), code, error.detail());
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("robot", error.robotId());
        json.put("modality", error.modality());
        json.put("seq", error.sequence());
        json.put("module", error.module());
        json.put("code", code);
        json.put("detail", error.detail());
        json.put("stamp", error.timestampMillis());
        PublishResult result = link.publish(link.topics().errors(error.robotId()), Json.bytes(json), 0,
                false);
        if (result != PublishResult.SENT) {
            counters.increment(MqttCounter.ERRORS_UNPUBLISHED);
        }
    }
}
