package org.cogos.shell.internal;

import static org.junit.Assert.assertEquals;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.cogos.api.admin.BrokerStatus;
import org.cogos.api.admin.MqttStatistics;
import org.junit.Test;

/** cog:mqtt: the link's counters and the broker's state, each there or not. */
public class MqttStatusTest {

    private final Console console = new Console();

    private static final MqttStatistics LINK = new MqttStatistics() {
        @Override
        public String serverUri() {
            return "tcp://127.0.0.1:1883";
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public Map<String, Boolean> connections() {
            Map<String, Boolean> connections = new LinkedHashMap<>();
            connections.put("cogos", true);
            connections.put("cogos-actions", false);
            return connections;
        }

        @Override
        public SortedMap<String, Long> counters() {
            return new TreeMap<>(Map.of("ingest.percepts", 120L, "outbox.pending", 2L));
        }
    };

    private static final BrokerStatus BROKER = new BrokerStatus() {
        @Override
        public Optional<InetSocketAddress> listeningAddress() {
            return Optional.of(new InetSocketAddress("127.0.0.1", 1883));
        }

        @Override
        public String state() {
            return "listening on 127.0.0.1:1883";
        }

        @Override
        public int connectedClients() {
            return 2;
        }

        @Override
        public int sessions() {
            return 3;
        }

        @Override
        public long messagesReceived() {
            return 130;
        }

        @Override
        public long messagesSent() {
            return 140;
        }

        @Override
        public long messagesDropped() {
            return 1;
        }

        @Override
        public long protocolErrors() {
            return 0;
        }

        @Override
        public long refusedLogins() {
            return 4;
        }

        @Override
        public long refusedOperations() {
            return 5;
        }
    };

    private static MqttStatus command(MqttStatistics link, BrokerStatus broker) {
        MqttStatus command = new MqttStatus();
        command.link = link;
        command.broker = broker;
        return command;
    }

    @Test
    public void linkAndBrokerAreShownOneFactPerRow() {
        console.run(command(LINK, BROKER));

        assertEquals(0, console.exitStatus());
        assertEquals(List.of("Property", "Value"), console.tableHeader());
        assertEquals(List.of(
                List.of("link", "connected to tcp://127.0.0.1:1883"),
                List.of("connection cogos", "connected"),
                List.of("connection cogos-actions", "not connected"),
                List.of("ingest.percepts", "120"),
                List.of("outbox.pending", "2"),
                List.of("broker", "listening on 127.0.0.1:1883"),
                List.of("broker.clients", "2"),
                List.of("broker.sessions", "3"),
                List.of("broker.received", "130"),
                List.of("broker.sent", "140"),
                List.of("broker.dropped", "1"),
                List.of("broker.protocol_errors", "0"),
                List.of("broker.refused_logins", "4"),
                List.of("broker.refused_operations", "5")), console.tableRows());
    }

    @Test
    public void anExternalBrokerLeavesTheLinkAlone() {
        console.run(command(LINK, null));

        assertEquals(0, console.exitStatus());
        assertEquals(List.of("broker", "not loaded"), console.tableRows().get(5));
    }

    @Test
    public void neitherLoadedFailsWithExitStatusOne() {
        console.run(command(null, null));

        assertEquals(1, console.exitStatus());
        assertEquals(List.of("neither the MQTT link nor the embedded broker is loaded"
                + " (cog:modprobe mqtt, cog:modprobe broker)"), console.errLines());
    }
}
