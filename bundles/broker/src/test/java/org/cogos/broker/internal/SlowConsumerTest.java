package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import org.cogos.util.net.NoDelaySocketFactory;
import org.junit.Rule;
import org.junit.Test;

/** A subscriber that stops reading costs only its own (bounded) queue; the others get everything. */
public class SlowConsumerTest {

    @Rule
    public final RunningBroker broker = new RunningBroker(new BrokerLimits(4 << 20, 1000, 64L << 20, 1000, 60,
            100_000, 10));

    private static final int HEALTHY_LAG = 500;

    private static void expectNext(PahoClient healthy, int sequence) throws InterruptedException {
        byte[] got = healthy.next().message().getPayload();
        assertEquals("message " + sequence, sequence, (got[0] & 0xFF) << 8 | got[1] & 0xFF);
    }

    @Test
    public void stuckSubscriberLosesOnlyItsOwnMessages() throws Exception {
        int count = 4000;
        byte[] payload = new byte[10_000];
        try (RawClient stuck = new RawClient(broker.port());
                PahoClient healthy = PahoClient.connect(broker.uri(), "healthy");
                PahoClient publisher = PahoClient.connect(broker.uri(), "pub",
                        o -> o.setSocketFactory(new NoDelaySocketFactory()))) {
            stuck.send(RawClient.connect5("stuck"));
            stuck.expect(RawClient.CONNACK);
            stuck.send(RawClient.subscribe5(1, "flood/#", 0, 0));
            stuck.expect(RawClient.SUBACK);
            healthy.subscribe("flood/#", 1);
            // The publisher stays at most HEALTHY_LAG messages ahead of what the healthy subscriber has read, so
            // the healthy one stays inside its own 1,000-message bound however slow the machine; the stuck one
            // never reads and must overflow.
            int checked = 0;
            for (int i = 0; i < count; i++) {
                Arrays.fill(payload, 0, 4, (byte) 0);
                payload[0] = (byte) (i >> 8);
                payload[1] = (byte) i;
                publisher.client.publish("flood/data", payload, 1, false);
                if (i >= HEALTHY_LAG) {
                    expectNext(healthy, checked++);
                }
            }
            while (checked < count) {
                expectNext(healthy, checked++);
            }
            // The stuck client never read: socket buffers, 1 MiB of Netty buffer and 1,000 queued messages at most.
            long dropped = broker.counters().messagesDropped.sum();
            assertTrue("dropped for the stuck client: " + dropped, dropped > 0 && dropped < count);
        }
    }
}
