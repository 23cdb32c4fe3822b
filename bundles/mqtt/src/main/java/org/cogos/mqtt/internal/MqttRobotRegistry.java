package org.cogos.mqtt.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cogos.api.admin.MqttCounter;
import org.cogos.api.admin.RobotRegistry;
import org.cogos.api.admin.RobotStatus;
import org.cogos.util.log.LogThrottle;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robots cogos has heard of. Online/offline comes from each robot's retained {@code .../status} topic, whose
 * last will turns it offline when the robot's connection dies; "last seen" from any live message of the robot
 * that cogos subscribes to (sensors for ingest, acks for the outbox, an online status here). An offline status
 * is no sign of life: it is usually the will, sent by the broker after the robot died.
 */
@Component(service = RobotRegistry.class, immediate = true)
public final class MqttRobotRegistry implements RobotRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MqttRobotRegistry.class);

    private final MqttTopics topics;
    private final Counters counters;
    private final LogThrottle malformedStatusLog = new LogThrottle();
    private final ConcurrentHashMap<String, KnownRobot> robots = new ConcurrentHashMap<>();
    private final Registration traffic;
    private final Registration status;

    @Activate
    public MqttRobotRegistry(@Reference BrokerLink link) {
        this.topics = link.topics();
        this.counters = link.counterSet();
        this.traffic = link.observe(this::seen);
        this.status = link.subscribe(topics.statusFilter(), 1, this::statusArrived);
    }

    @Deactivate
    public void close() {
        traffic.close();
        status.close();
    }

    @Override
    public List<RobotStatus> robots() {
        return robots.values().stream().map(KnownRobot::status).sorted(Comparator.comparing(RobotStatus::robotId))
                .toList();
    }

    /** Live traffic of a robot; retained messages are history replayed by the broker, not signs of life. */
    private void seen(String topic, MqttMessage message) {
        MqttTopics.RobotTopic parts = topics.parse(topic);
        if (parts == null || !parts.validRobot() || message.isRetained()
                || MqttTopics.STATUS.equals(parts.kind())) {
            return;
        }
        KnownRobot robot = robots.computeIfAbsent(parts.robot(), KnownRobot::new);
        robot.lastSeenMillis = System.currentTimeMillis();
        if (MqttTopics.SENSORS.equals(parts.kind()) && parts.rest() != null) {
            robot.percepts.computeIfAbsent(parts.rest(), modality -> new LongAdder()).increment();
        }
    }

    private void statusArrived(String topic, MqttMessage message) {
        MqttTopics.RobotTopic parts = topics.parse(topic);
        if (parts == null || !parts.validRobot()) {
            return;
        }
        String robotId = parts.robot();
        if (message.getPayload().length == 0) {
            // An empty retained message clears the robot's status: the operator retired it.
            robots.remove(robotId);
            return;
        }
        Optional<Json.WireStatus> wire = Json.decodeStatus(message.getPayload());
        if (wire.isEmpty()) {
            long count = counters.increment(MqttCounter.REGISTRY_STATUS_MALFORMED);
            if (malformedStatusLog.occurred()) {
                LOG.warn("malformed status of robot {} ({} so far): expected {\"state\":\"online|offline\","
                        + "\"stamp\":ms}", robotId, count);
            }
            return;
        }
        boolean online = wire.get().online();
        long stamp = wire.get().stampMillis();
        // A retained status replayed on subscription happened before cogos looked; its own stamp is the best
        // guess of when.
        long changed = message.isRetained() && stamp > 0 ? stamp : System.currentTimeMillis();
        KnownRobot robot = robots.computeIfAbsent(robotId, KnownRobot::new);
        boolean wasOnline;
        boolean known;
        synchronized (robot) {
            known = robot.statusMillis != 0;
            wasOnline = robot.online;
            if (!known || wasOnline != online) {
                robot.statusMillis = changed;
            }
            robot.online = online;
        }
        if (online && !message.isRetained()) {
            robot.lastSeenMillis = Math.max(robot.lastSeenMillis, System.currentTimeMillis());
        }
        if (!known || wasOnline != online) {
            LOG.info("robot {} is {}", robotId, online ? "online" : "offline");
        }
    }

    /**
     * A robot's live state. Traffic is counted on the MQTT delivery thread without a lock (a LongAdder per
     * modality, last seen a volatile write); status changes, rare, are made under the object's lock.
     */
    private static final class KnownRobot {

        private final String robotId;
        private final ConcurrentHashMap<String, LongAdder> percepts = new ConcurrentHashMap<>();
        private volatile long lastSeenMillis;
        private volatile boolean online;
        private volatile long statusMillis;

        KnownRobot(String robotId) {
            this.robotId = robotId;
        }

        RobotStatus status() {
            Map<String, Long> byModality = new HashMap<>();
            percepts.forEach((modality, count) -> byModality.put(modality, count.sum()));
            return new RobotStatus(robotId, online, lastSeenMillis, statusMillis, byModality);
        }
    }
}
