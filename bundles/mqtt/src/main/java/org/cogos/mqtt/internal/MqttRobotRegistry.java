package org.cogos.mqtt.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private final ConcurrentHashMap<String, RobotStatus> robots = new ConcurrentHashMap<>();
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
        return robots.values().stream().sorted(Comparator.comparing(RobotStatus::robotId)).toList();
    }

    /** Live traffic of a robot; retained messages are history replayed by the broker, not signs of life. */
    private void seen(String topic, MqttMessage message) {
        MqttTopics.RobotTopic parts = topics.parse(topic);
        if (parts == null || !parts.validRobot() || message.isRetained()
                || MqttTopics.STATUS.equals(parts.kind())) {
            return;
        }
        long now = System.currentTimeMillis();
        long percepts = MqttTopics.SENSORS.equals(parts.kind()) ? 1 : 0;
        robots.merge(parts.robot(), new RobotStatus(parts.robot(), false, now, 0, percepts),
                (old, update) -> new RobotStatus(old.robotId(), old.online(), now, old.statusMillis(),
                        old.percepts() + percepts));
    }

    private void statusArrived(String topic, MqttMessage message) {
        MqttTopics.RobotTopic parts = topics.parse(topic);
        if (parts == null || !parts.validRobot()) {
            return;
        }
        String robot = parts.robot();
        if (message.getPayload().length == 0) {
            // An empty retained message clears the robot's status: the operator retired it.
            robots.remove(robot);
            return;
        }
        Optional<Json.WireStatus> wire = Json.decodeStatus(message.getPayload());
        if (wire.isEmpty()) {
            long count = counters.increment(MqttCounter.REGISTRY_STATUS_MALFORMED);
            if (malformedStatusLog.occurred()) {
                LOG.warn("malformed status of robot {} ({} so far): expected {\"state\":\"online|offline\","
                        + "\"stamp\":ms}", robot, count);
            }
            return;
        }
        boolean online = wire.get().online();
        long stamp = wire.get().stampMillis();
        // A retained status replayed on subscription happened before cogos looked; its own stamp is the best
        // guess of when.
        long changed = message.isRetained() && stamp > 0 ? stamp : System.currentTimeMillis();
        long seen = online && !message.isRetained() ? System.currentTimeMillis() : 0;
        RobotStatus previous = robots.get(robot);
        robots.merge(robot, new RobotStatus(robot, online, seen, changed, 0),
                (old, update) -> new RobotStatus(robot, online, Math.max(old.lastSeenMillis(), seen),
                        old.online() == online && old.statusMillis() != 0 ? old.statusMillis() : changed,
                        old.percepts()));
        if (previous == null || previous.online() != online) {
            LOG.info("robot {} is {}", robot, online ? "online" : "offline");
        }
    }
}
