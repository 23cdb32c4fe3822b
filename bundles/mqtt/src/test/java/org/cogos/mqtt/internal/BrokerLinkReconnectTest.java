package org.cogos.mqtt.internal;

import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.cogos.harness.MosquittoBroker;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 16: cogos connects within about half a second of its broker coming up, and reconnects within a second of
 * the broker being back however long it was away (attempts capped by reconnectMaxDelayMs, default 1000; seen
 * 0.47–0.94 s). Against a real Mosquitto killed (-9) and started again on the same port. Each case prints the
 * figure; the bound asserted (the cap plus half a second) leaves room for a loaded machine.
 */
public class BrokerLinkReconnectTest {

    /** The default cap, and the slack a loaded CI machine may need on top of it. */
    private static final long CAP_MS = 1000;
    private static final long SLACK_MS = 500;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static BrokerLink link(String uri, BlockingQueue<Long> connections) {
        BrokerLink link = new BrokerLink(MqttOptions.of(Map.of("uri", uri, "clientId",
                "cogos-reconnect-" + System.nanoTime())));
        link.onConnected(() -> connections.add(System.nanoTime()));
        return link;
    }

    /** Time from asking the broker to start until cogos's link reports the connection, in ms. */
    private static long reconnectMs(MosquittoBroker broker, BlockingQueue<Long> connections) throws Exception {
        long start = System.nanoTime();
        broker.resume();
        long listening = System.nanoTime();
        Long connected = connections.poll(30, TimeUnit.SECONDS);
        assertTrue("never connected again", connected != null);
        long fromListening = Math.max(0, (connected - listening) / 1_000_000);
        System.out.printf("reconnect: %d ms after the broker listened (%d ms after it was started)%n",
                fromListening, (connected - start) / 1_000_000);
        return fromListening;
    }

    @Test
    public void reconnectsWithinTheCapAfterALongOutage() throws Exception {
        Path dir = folder.newFolder("broker").toPath();
        BlockingQueue<Long> connections = new LinkedBlockingQueue<>();
        try (MosquittoBroker broker = MosquittoBroker.start(dir)) {
            BrokerLink link = link(broker.uri(), connections);
            try {
                assertTrue("first connection", connections.poll(10, TimeUnit.SECONDS) != null);
                for (int round = 0; round < 3; round++) {
                    broker.kill();
                    // Long enough for the backoff to reach its cap: 100 + 200 + 400 + 800 ms, then 1000 ms steps.
                    Thread.sleep(4000);
                    long ms = reconnectMs(broker, connections);
                    assertTrue(ms + " ms", ms <= CAP_MS + SLACK_MS);
                }
            } finally {
                link.close();
            }
        }
    }

    /** The first connection too: cogos started before its broker (issue 16 saw 9–13 s). */
    @Test
    public void firstConnectsWithinTheCapWhenTheBrokerComesLater() throws Exception {
        BlockingQueue<Long> connections = new LinkedBlockingQueue<>();
        try (MosquittoBroker broker = MosquittoBroker.start(folder.newFolder("late").toPath())) {
            broker.kill(); // its port is known and free: the broker "comes later" on it
            BrokerLink link = link(broker.uri(), connections);
            try {
                Thread.sleep(4000);
                long ms = reconnectMs(broker, connections);
                assertTrue(ms + " ms", ms <= CAP_MS + SLACK_MS);
            } finally {
                link.close();
            }
        }
    }
}
