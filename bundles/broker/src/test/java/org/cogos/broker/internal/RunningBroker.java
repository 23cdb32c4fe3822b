package org.cogos.broker.internal;

import java.net.InetSocketAddress;

import org.junit.rules.ExternalResource;

/** A broker core on a free loopback port for the duration of a test. */
final class RunningBroker extends ExternalResource {
    /** The defaults of BrokerConfig. */
    static final BrokerLimits DEFAULT_LIMITS = new BrokerLimits(4 << 20, 10_000, 64L << 20, 1000, 86_400, 100_000, 10);

    private final BrokerLimits limits;
    private MqttBroker broker;
    private InetSocketAddress address;

    RunningBroker() {
        this(DEFAULT_LIMITS);
    }

    RunningBroker(BrokerLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void before() throws Throwable {
        broker = new MqttBroker();
        address = broker.start("127.0.0.1", 0, limits);
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
}
