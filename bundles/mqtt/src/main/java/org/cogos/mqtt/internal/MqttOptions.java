package org.cogos.mqtt.internal;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;

import org.cogos.api.Names;
import org.cogos.api.config.ParamCheck;

/** The validated, immutable form of {@link MqttConfig}. */
public final class MqttOptions {

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    private final String uri;
    private final String clientId;
    private final String username;
    private final String password;
    private final Path trustStore;
    private final String trustStorePassword;
    private final Path keyStore;
    private final String keyStorePassword;
    private final boolean hostnameVerification;
    private final String topicPrefix;
    private final long sessionExpirySeconds;
    private final int keepAliveSeconds;
    private final int reconnectMaxDelayMs;
    private final int maxInflight;
    private final int unclaimedCapacity;
    private final int unclaimedHoldSeconds;
    private final int maxPayloadBytes;
    private final int maxPerceptsPerSecondPerRobot;
    private final Path outboxDir;
    private final int outboxCapacity;
    private final int ackTimeoutMs;
    private final int maxDeliveryAttempts;

    private MqttOptions(MqttConfig config) {
        uri = requireUri(config.uri());
        clientId = Names.requireName("clientId", config.clientId());
        username = config.username() == null ? "" : config.username().trim();
        password = config.password() == null ? "" : config.password();
        trustStore = optionalFile("trustStore", config.trustStore());
        trustStorePassword = config.trustStorePassword() == null ? "" : config.trustStorePassword();
        keyStore = optionalFile("keyStore", config.keyStore());
        keyStorePassword = config.keyStorePassword() == null ? "" : config.keyStorePassword();
        hostnameVerification = config.hostnameVerification();
        topicPrefix = requirePrefix(config.topicPrefix());
        sessionExpirySeconds = bounded("sessionExpirySeconds", config.sessionExpirySeconds(),
                MqttConfig.SESSION_EXPIRY_MIN, MqttConfig.SESSION_EXPIRY_MAX);
        keepAliveSeconds = (int) bounded("keepAliveSeconds", config.keepAliveSeconds(), MqttConfig.KEEP_ALIVE_MIN,
                MqttConfig.KEEP_ALIVE_MAX);
        reconnectMaxDelayMs = (int) bounded("reconnectMaxDelayMs", config.reconnectMaxDelayMs(),
                MqttConfig.RECONNECT_DELAY_MIN, MqttConfig.RECONNECT_DELAY_MAX);
        maxInflight = (int) bounded("maxInflight", config.maxInflight(), MqttConfig.INFLIGHT_MIN,
                MqttConfig.INFLIGHT_MAX);
        unclaimedCapacity = (int) bounded("unclaimedCapacity", config.unclaimedCapacity(), MqttConfig.UNCLAIMED_MIN,
                MqttConfig.UNCLAIMED_MAX);
        unclaimedHoldSeconds = (int) bounded("unclaimedHoldSeconds", config.unclaimedHoldSeconds(),
                MqttConfig.UNCLAIMED_HOLD_MIN, MqttConfig.UNCLAIMED_HOLD_MAX);
        maxPayloadBytes = (int) bounded("maxPayloadBytes", config.maxPayloadBytes(), MqttConfig.PAYLOAD_MIN,
                MqttConfig.PAYLOAD_MAX);
        maxPerceptsPerSecondPerRobot = (int) bounded("maxPerceptsPerSecondPerRobot",
                config.maxPerceptsPerSecondPerRobot(), MqttConfig.ROBOT_RATE_MIN, MqttConfig.ROBOT_RATE_MAX);
        outboxDir = outboxDir(config.outboxDir());
        outboxCapacity = (int) bounded("outboxCapacity", config.outboxCapacity(), MqttConfig.OUTBOX_CAPACITY_MIN,
                MqttConfig.OUTBOX_CAPACITY_MAX);
        ackTimeoutMs = (int) bounded("ackTimeoutMs", config.ackTimeoutMs(), MqttConfig.ACK_TIMEOUT_MIN,
                MqttConfig.ACK_TIMEOUT_MAX);
        maxDeliveryAttempts = (int) bounded("maxDeliveryAttempts", config.maxDeliveryAttempts(),
                MqttConfig.ATTEMPTS_MIN, MqttConfig.ATTEMPTS_MAX);
    }

    /** @throws IllegalArgumentException naming the parameter, its value and its bounds */
    public static MqttOptions from(MqttConfig config) {
        return new MqttOptions(config);
    }

    /**
     * Options from parameter names and values as they would appear in {@code org.cogos.mqtt.cfg}; the rest keep
     * their defaults. For embedding the link outside OSGi (tests, tools).
     */
    public static MqttOptions of(Map<String, ?> parameters) {
        for (String name : parameters.keySet()) {
            try {
                MqttConfig.class.getMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("unknown parameter of " + MqttConfig.PID + ": " + name, e);
            }
        }
        MqttConfig config = (MqttConfig) Proxy.newProxyInstance(MqttConfig.class.getClassLoader(),
                new Class<?>[] {MqttConfig.class}, (proxy, method, args) -> {
                    Object value = parameters.get(method.getName());
                    return value == null ? method.getDefaultValue() : convert(value, method.getReturnType());
                });
        return new MqttOptions(config);
    }

    private static Object convert(Object value, Class<?> type) {
        if (type == String.class) {
            return value.toString();
        }
        if (type == boolean.class) {
            return value instanceof Boolean b ? b : Boolean.valueOf(value.toString().trim());
        }
        Number number = value instanceof Number n ? n : Long.valueOf(value.toString().trim());
        return type == long.class ? (Object) number.longValue() : (Object) number.intValue();
    }

    private static long bounded(String name, long value, String min, String max) {
        return ParamCheck.within(MqttConfig.PID, name, value, min, max);
    }

    private static String requireUri(String value) {
        try {
            URI parsed = new URI(value == null ? "" : value.trim());
            if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme()) || parsed.getHost() == null) {
                throw new URISyntaxException(String.valueOf(value), "expected tcp|ssl|ws|wss://host[:port]");
            }
            return parsed.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(MqttConfig.PID + " uri is not a broker URI: " + e.getMessage(), e);
        }
    }

    private static String requirePrefix(String value) {
        boolean valid = value != null && !value.isEmpty() && !value.startsWith("$") && !value.startsWith("/")
                && !value.endsWith("/") && !value.contains("//") && value.chars().noneMatch(
                        c -> c == '+' || c == '#' || c == 0 || Character.isWhitespace(c));
        if (!valid) {
            throw new IllegalArgumentException(MqttConfig.PID + " topicPrefix must be topic levels without "
                    + "wildcards, spaces, '$' or empty levels, like cogos/v1: '" + value + "'");
        }
        return value;
    }

    private static Path outboxDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim()).toAbsolutePath();
        }
        String karafData = System.getProperty("karaf.data");
        Path data = karafData == null ? Paths.get("data") : Paths.get(karafData);
        return data.resolve("cogos").resolve("outbox").toAbsolutePath();
    }

    public String uri() {
        return uri;
    }

    public String clientId() {
        return clientId;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The trust store for ssl://, or null for the JVM's default. */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** The client certificate's key store for ssl://, or null for none. */
    public Path keyStore() {
        return keyStore;
    }

    public String keyStorePassword() {
        return keyStorePassword;
    }

    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** A file parameter: null when empty; an error naming it when set to something that is not a readable file. */
    private static Path optionalFile(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path file = Paths.get(value.trim());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(MqttConfig.PID + "." + name + " = " + value.trim()
                    + " is not a readable file");
        }
        return file;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public long sessionExpirySeconds() {
        return sessionExpirySeconds;
    }

    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    public int reconnectMaxDelayMs() {
        return reconnectMaxDelayMs;
    }

    public int maxInflight() {
        return maxInflight;
    }

    public int unclaimedCapacity() {
        return unclaimedCapacity;
    }

    public int unclaimedHoldSeconds() {
        return unclaimedHoldSeconds;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** 0: no limit. */
    public int maxPerceptsPerSecondPerRobot() {
        return maxPerceptsPerSecondPerRobot;
    }

    public Path outboxDir() {
        return outboxDir;
    }

    public int outboxCapacity() {
        return outboxCapacity;
    }

    public int ackTimeoutMs() {
        return ackTimeoutMs;
    }

    public int maxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }
}
