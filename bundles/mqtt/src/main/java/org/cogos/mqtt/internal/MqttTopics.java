package org.cogos.mqtt.internal;

import java.util.Arrays;

import org.cogos.api.Names;

/**
 * The cogos topic tree under a prefix ({@code cogos/v1} by default); docs/mqtt-topics.md describes each topic.
 */
public final class MqttTopics {

    static final String SENSORS = "sensors";
    static final String ACTIONS = "actions";
    static final String ACKS = "acks";
    static final String STATUS = "status";
    static final String ERRORS = "errors";

    private final String prefix;
    private final String robotsPrefix;

    public MqttTopics(String prefix) {
        this.prefix = prefix;
        this.robotsPrefix = prefix + "/robots/";
    }

    public String prefix() {
        return prefix;
    }

    /** Everything below sensors, so that topics with too many levels are seen and refused instead of ignored. */
    String sensorsFilter() {
        return robotsPrefix + "+/" + SENSORS + "/#";
    }

    String acksFilter() {
        return robotsPrefix + "+/" + ACKS;
    }

    String statusFilter() {
        return robotsPrefix + "+/" + STATUS;
    }

    public String actions(String robotId) {
        return robotsPrefix + robotId + "/" + ACTIONS;
    }

    /**
     * Where refusals of a robot's percepts go. A robot id that cannot be a topic level (it came from a module,
     * not from a topic) falls back to the system error topic.
     */
    public String errors(String robotId) {
        boolean usableLevel = robotId != null && !robotId.isEmpty()
                && robotId.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0);
        return usableLevel ? robotsPrefix + robotId + "/" + ERRORS : systemErrors();
    }

    public String systemStatus() {
        return prefix + "/system/status";
    }

    public String systemErrors() {
        return prefix + "/system/" + ERRORS;
    }

    /**
     * Splits {@code {prefix}/robots/{robot}/{kind}[/rest]}.
     *
     * @return the parts, or null when the topic is not below {@code {prefix}/robots/}
     */
    RobotTopic parse(String topic) {
        if (!topic.startsWith(robotsPrefix)) {
            return null;
        }
        String[] levels = topic.substring(robotsPrefix.length()).split("/", -1);
        if (levels.length < 2) {
            return null;
        }
        String rest = levels.length == 2 ? null : String.join("/", Arrays.copyOfRange(levels, 2, levels.length));
        return new RobotTopic(levels[0], levels[1], rest);
    }

    /**
     * @param robot the robot level as it appeared (not necessarily a valid name)
     * @param kind  sensors, acks, status, ...
     * @param rest  the levels after kind joined by '/', or null when there are none
     */
    record RobotTopic(String robot, String kind, String rest) {

        boolean validRobot() {
            return Names.isValid(robot);
        }
    }
}
