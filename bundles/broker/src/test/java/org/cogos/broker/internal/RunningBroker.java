package org.cogos.broker.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.cogos.api.audit.AuditTrail;
import org.junit.rules.ExternalResource;

/** A broker core on a free loopback port for the duration of a test. */
class RunningBroker extends ExternalResource {
    /** The defaults of BrokerConfig. */
    static final BrokerLimits DEFAULT_LIMITS = new BrokerLimits(4 << 20, 10_000, 64L << 20, 1000, 86_400, 100_000, 10);
    /** Anyone may do anything: for the tests of the protocol, not of access (AccessControlTest). */
    static BrokerAuth openAuth() {
        return new BrokerAuth(null, true, "cogos", "service-password", "cogos/v1");
    }

    /** The same, as broker options. */
    static final BrokerOptions.Access OPEN = new BrokerOptions.Access(true, Path.of("unused.passwd"), "cogos/v1");

    private final BrokerLimits limits;
    /** Who may connect; a subclass may set it in before(), ahead of super.before(). */
    BrokerAuth auth;
    /** Where refusals are audited; a subclass may set it before before(). */
    AuditTrail audit;
    private MqttBroker broker;
    private InetSocketAddress address;

    RunningBroker() {
        this(DEFAULT_LIMITS);
    }

    RunningBroker(BrokerLimits limits) {
        this(limits, openAuth());
    }

    RunningBroker(BrokerLimits limits, BrokerAuth auth) {
        this.limits = limits;
        this.auth = auth;
    }

    @Override
    protected void before() throws Throwable {
        broker = new MqttBroker();
        broker.auditTo(() -> audit);
        address = broker.start("127.0.0.1", 0, limits, auth);
    }

    @Override
    protected void after() {
        broker.stop();
    }

    int port() {
        return address.getPort();
    }

    String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    BrokerCounters counters() {
        return broker.counters();
    }

    MqttBroker broker() {
        return broker;
    }
}
