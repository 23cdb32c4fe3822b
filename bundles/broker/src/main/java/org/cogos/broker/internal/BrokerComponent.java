package org.cogos.broker.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.cogos.api.admin.BrokerStatus;
import org.cogos.api.admin.EmbeddedBrokerLogin;
import org.cogos.api.admin.RobotAccounts;
import org.cogos.api.audit.AuditTrail;
import org.cogos.util.security.PasswordHash;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded broker as the cogos module "broker", configured by org.cogos.broker. It also follows the
 * uri of the MQTT client's configuration (org.cogos.mqtt): when that points at another broker, this one stays
 * off. That uri is read from Configuration Admin and watched with a ConfigurationListener rather than by
 * listing both PIDs on the component, because merged PIDs would let a key of the client's configuration shadow
 * one of the broker's, and bnd cannot designate metatype for a multi-PID component.
 *
 * <p>A change of host, port, enabled or of where the uri points restarts the listener (clients reconnect,
 * sessions are lost); a change of limits only is applied live.
 */
@Component(service = {BrokerStatus.class, RobotAccounts.class, EmbeddedBrokerLogin.class,
        ConfigurationListener.class}, immediate = true,
        configurationPid = "org.cogos.broker", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BrokerConfig.class)
public final class BrokerComponent implements BrokerStatus, RobotAccounts, EmbeddedBrokerLogin, ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerComponent.class);

    @Reference
    private ConfigurationAdmin configurationAdmin;

    /** Optional and dynamic: the broker serves robots whether or not the audit trail is there yet. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditTrail audit;

    /** The service account: cogos's own client. No robot may have this id. */
    static final String SERVICE_USER = "cogos";

    /** Made at activation, handed over in the JVM only (credentialsFor); stays the same across listener restarts. */
    private final String servicePassword = PasswordHash.generate();
    private boolean active;
    /** The robots' accounts while the broker runs, else null. */
    private AccountFile accounts;
    private BrokerConfig config;
    private BrokerOptions options;
    private MqttBroker broker;
    private volatile InetSocketAddress address;
    private volatile String state = "starting";
    private volatile BrokerCounters counters = new BrokerCounters();

    @Activate
    synchronized void activate(BrokerConfig newConfig) {
        active = true;
        config = newConfig;
        apply(fromConfig(newConfig));
    }

    @Modified
    synchronized void modified(BrokerConfig newConfig) {
        BrokerOptions next;
        try {
            next = fromConfig(newConfig);
        } catch (IllegalArgumentException e) {
            LOG.error("Rejected the new configuration of org.cogos.broker ({}); keeping the previous one",
                    e.getMessage());
            return;
        }
        config = newConfig;
        apply(next);
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        stopBroker();
        state = "stopped";
    }

    /** Configuration Admin reports changes asynchronously; only org.cogos.mqtt matters here. */
    @Override
    public synchronized void configurationEvent(ConfigurationEvent event) {
        if (active && BrokerOptions.MQTT_PID.equals(event.getPid())) {
            apply(fromConfig(config));
        }
    }

    private BrokerOptions fromConfig(BrokerConfig brokerConfig) {
        return BrokerOptions.from(brokerConfig, mqttProperty("uri", BrokerOptions.DEFAULT_MQTT_URI),
                mqttProperty("topicPrefix", BrokerOptions.DEFAULT_TOPIC_PREFIX));
    }

    /** A property of org.cogos.mqtt (where the client connects, its topic prefix), read without binding it. */
    private String mqttProperty(String key, String defaultValue) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + BrokerOptions.MQTT_PID + ")");
            Dictionary<String, Object> properties = found == null ? null : found[0].getProperties();
            Object value = properties == null ? null : properties.get(key);
            return value == null ? defaultValue : value.toString();
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Cannot read {} ({}); assuming {} {}", BrokerOptions.MQTT_PID, e.getMessage(), key,
                    defaultValue);
            return defaultValue;
        }
    }

    private void apply(BrokerOptions next) {
        // Same listener and running (or rightly off): nothing to restart. A failed start is retried.
        if (next.sameListener(options) && (broker != null || next.offReason().isPresent())) {
            if (broker != null && !next.limits().equals(options.limits())) {
                broker.updateLimits(next.limits());
                LOG.info("Embedded MQTT broker limits updated: {}", next.limits());
            }
            options = next;
            return;
        }
        stopBroker();
        options = next;
        Optional<String> off = next.offReason();
        if (off.isPresent()) {
            state = "off: " + off.get();
            LOG.info("Embedded MQTT broker off: {}", off.get());
            return;
        }
        BrokerOptions.Access access = next.access();
        AccountFile loaded;
        try {
            loaded = AccountFile.load(access.accountsFile());
        } catch (IOException e) {
            // Off rather than started with no robot (or anyone) allowed; fixing the file and any change retries.
            state = "failed: cannot read the robot accounts " + access.accountsFile() + ": " + e.getMessage();
            LOG.error("Embedded MQTT broker not started: cannot read the robot accounts {} ({})",
                    access.accountsFile(), e.toString());
            return;
        }
        MqttBroker starting = new MqttBroker();
        starting.auditTo(() -> audit);
        try {
            address = starting.start(next.host(), next.port(), next.limits(), new BrokerAuth(loaded,
                    access.allowAnonymous(), SERVICE_USER, servicePassword, access.topicPrefix()), next.tls());
            accounts = loaded;
            broker = starting;
            counters = starting.counters();
            InetSocketAddress tls = starting.tlsAddress();
            state = "listening on " + address.getHostString() + ":" + address.getPort()
                    + (tls == null ? "" : ", TLS on " + tls.getPort());
            if (tls != null) {
                LOG.info("Embedded MQTT broker listening with TLS on {}:{}{}", tls.getHostString(), tls.getPort(),
                        next.tls().caFile() == null ? "; robots log in with passwords"
                                : "; robots may log in with a certificate of " + next.tls().caFile()
                                        + (next.tls().requireCertificate() ? " (required)" : ""));
            }
            LOG.info("Embedded MQTT broker listening on {}:{} (MQTT 5 and 3.1.1, QoS 0 and 1); {} robot "
                    + "account(s) in {}{}", address.getHostString(), address.getPort(), loaded.robots().size(),
                    access.accountsFile(), access.allowAnonymous()
                            ? "; ANONYMOUS CLIENTS ALLOWED (allowAnonymous=true): any client may act as any robot"
                            : "");
        } catch (IOException e) {
            state = "failed: " + e.getMessage();
            LOG.error("Embedded MQTT broker could not start: {}. If another broker uses that port, set"
                    + " enabled=false or another port in org.cogos.broker.", e.getMessage());
        }
    }

    private void stopBroker() {
        if (broker != null) {
            broker.stop();
            broker = null;
            address = null;
            accounts = null;
            LOG.info("Embedded MQTT broker stopped");
        }
    }

    @Override
    public Optional<InetSocketAddress> listeningAddress() {
        return Optional.ofNullable(address);
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public int connectedClients() {
        return counters.connectedClients.get();
    }

    @Override
    public int sessions() {
        return counters.sessions.get();
    }

    @Override
    public long messagesReceived() {
        return counters.messagesReceived.sum();
    }

    @Override
    public long messagesSent() {
        return counters.messagesSent.sum();
    }

    @Override
    public long messagesDropped() {
        return counters.messagesDropped.sum();
    }

    @Override
    public long refusedLogins() {
        return counters.refusedLogins.sum();
    }

    @Override
    public long refusedOperations() {
        return counters.refusedOperations.sum();
    }

    @Override
    public long protocolErrors() {
        return counters.protocolErrors.sum();
    }

    // ---- robot accounts --------------------------------------------------------------------------------------

    @Override
    public synchronized String add(String robotId) {
        if (SERVICE_USER.equals(robotId)) {
            throw new IllegalArgumentException("'" + SERVICE_USER + "' is cogos's own account, not a robot id");
        }
        String password = runningAccounts().add(robotId);
        LOG.info("Robot account {} added", robotId);
        return password;
    }

    @Override
    public synchronized String resetPassword(String robotId) {
        String password = runningAccounts().reset(robotId);
        LOG.info("Robot account {}: new password", robotId);
        return password;
    }

    @Override
    public synchronized boolean remove(String robotId) {
        boolean removed = runningAccounts().remove(robotId);
        if (removed) {
            broker.disconnectUser(robotId);
            LOG.info("Robot account {} removed; its connections closed", robotId);
        }
        return removed;
    }

    @Override
    public synchronized List<String> robots() {
        return runningAccounts().robots();
    }

    private AccountFile runningAccounts() {
        if (accounts == null) {
            throw new IllegalStateException("the embedded broker is " + state + "; robot accounts are kept only"
                    + " while it runs (an external broker provisions robots with its own tools: docs/security.md)");
        }
        return accounts;
    }

    @Override
    public synchronized Optional<Credentials> credentialsFor(String uri) {
        return broker != null && options.pointsHere(uri) ? Optional.of(new Credentials(SERVICE_USER, servicePassword))
                : Optional.empty();
    }
}
