package org.cogos.broker.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.cogos.api.config.ParamCheck;

/**
 * The broker's configuration, checked: where to listen, its limits, and whether it should run at all.
 *
 * @param enabled  the enabled switch of org.cogos.broker
 * @param host     listen address
 * @param port     listen port
 * @param limits   resource limits
 * @param mqttUri  where the cogos MQTT client connects (uri of org.cogos.mqtt)
 * @param access   who may connect and what robots may do
 */
record BrokerOptions(boolean enabled, String host, int port, BrokerLimits limits, String mqttUri, Access access,
        Tls tls) {

    /**
     * The TLS listener, or none when port is 0.
     *
     * @param caFile             the CA of robots' certificates; null: no client certificates asked for
     * @param requireCertificate refuse clients without one at the handshake
     */
    record Tls(int port, Path certFile, Path keyFile, Path caFile, boolean requireCertificate) {

        static final Tls NONE = new Tls(0, null, null, null, false);

        Tls {
            ParamCheck.within(BrokerConfig.PID, "tlsPort", port, BrokerConfig.TLS_PORT_MIN, BrokerConfig.PORT_MAX);
            if (port > 0 && (certFile == null || keyFile == null)) {
                throw new IllegalArgumentException(BrokerConfig.PID + ".tlsPort = " + port
                        + " needs tlsCertFile and tlsKeyFile");
            }
            if (requireCertificate && caFile == null) {
                throw new IllegalArgumentException(BrokerConfig.PID + ".tlsRequireCertificate needs tlsCaFile");
            }
        }

        static Tls from(BrokerConfig config) {
            return new Tls(config.tlsPort(), path(config.tlsCertFile()), path(config.tlsKeyFile()),
                    path(config.tlsCaFile()), config.tlsRequireCertificate());
        }

        private static Path path(String value) {
            return value == null || value.isBlank() ? null : Path.of(value.trim());
        }
    }

    /**
     * @param allowAnonymous whether clients without a user name are let in (and may do anything)
     * @param accountsFile   the robots' password hashes
     * @param topicPrefix    cogos's topic prefix (topicPrefix of org.cogos.mqtt), which robots' rights are under
     */
    record Access(boolean allowAnonymous, Path accountsFile, String topicPrefix) {
    }

    /** The PID of the cogos MQTT client's configuration and its default uri. */
    static final String MQTT_PID = "org.cogos.mqtt";
    static final String DEFAULT_MQTT_URI = "tcp://127.0.0.1:1883";
    static final String DEFAULT_TOPIC_PREFIX = "cogos/v1";
    static final String DEFAULT_ACCOUNTS_FILE = "cogos-robots.passwd";

    BrokerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        ParamCheck.within(BrokerConfig.PID, "port", port, BrokerConfig.PORT_MIN, BrokerConfig.PORT_MAX);
    }

    static BrokerOptions from(BrokerConfig config, String mqttUri, String topicPrefix) {
        String file = config.accountsFile().trim();
        Path accounts = file.isEmpty() ? Path.of(System.getProperty("karaf.etc", "etc"), DEFAULT_ACCOUNTS_FILE)
                : Path.of(file);
        return new BrokerOptions(config.enabled(), config.host().trim(), config.port(),
                new BrokerLimits(config.maxMessageBytes(), config.maxQueuedMessagesPerClient(),
                        config.maxQueuedBytesPerClient(), config.maxClients(), config.maxSessionExpirySeconds(),
                        config.maxRetainedMessages(), config.connectTimeoutSeconds()),
                mqttUri, new Access(config.allowAnonymous(), accounts, topicPrefix), Tls.from(config));
    }

    /**
     * Whether a running broker can take these options by updating its limits, without closing the port. Who may
     * connect is decided at CONNECT, so a change of it restarts the listener: every client authenticates again.
     */
    boolean sameListener(BrokerOptions other) {
        return other != null && host.equals(other.host) && port == other.port
                && offReason().equals(other.offReason()) && access.equals(other.access) && tls.equals(other.tls);
    }

    /** Why the broker must stay off, or empty when it should run. */
    Optional<String> offReason() {
        if (!enabled) {
            return Optional.of("disabled (enabled=false in org.cogos.broker)");
        }
        if (!pointsHere(mqttUri)) {
            return Optional.of("an external MQTT broker is configured (uri=" + mqttUri + " in org.cogos.mqtt)");
        }
        return Optional.empty();
    }

    /**
     * Whether the MQTT client's uri reaches this broker: plain tcp/mqtt scheme, this port, and a loopback host
     * (localhost, 127.x.x.x, ::1) or the very host the broker listens on. Host names are never resolved, so
     * this decision cannot reach the network. An unparsable uri points nowhere else, so the broker runs.
     */
    boolean pointsHere(String uri) {
        if (uri == null || uri.isBlank()) {
            return true;
        }
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            return true;
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("mqtt")) {
            return false;
        }
        String uriHost = parsed.getHost();
        if (uriHost == null) {
            return true;
        }
        int uriPort = parsed.getPort() == -1 ? 1883 : parsed.getPort();
        return uriPort == port && (isLoopback(uriHost) || uriHost.equalsIgnoreCase(host));
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length == 4) {
            for (String octet : octets) {
                if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(octets[0]) == 127;
        }
        if (h.indexOf(':') >= 0) {
            // An IPv6 literal: parsed, never looked up.
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
