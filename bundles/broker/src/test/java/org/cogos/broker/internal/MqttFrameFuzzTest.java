package org.cogos.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/**
 * The embedded broker's inbound path — its frame decoder, Netty's MQTT codec and the connection's packet handling
 * — against any bytes a client could send (issue 16): every input ends in packets handled, a protocol error
 * answered (counted, connection closed) or a wait for more bytes; never in an exception the broker did not expect
 * ({@link BrokerCounters#internalErrors}). The bytes arrive in two chunks split where the fuzzer says, as TCP may
 * split them. Seeds (CONNECT, PUBLISH, SUBSCRIBE, ...): {@code MqttFrameFuzzTestInputs}. docs/fuzzing.md.
 */
class MqttFrameFuzzTest {

    /** Small limits: a length field asking for more than this is refused before anything is allocated for it. */
    private static final BrokerLimits LIMITS = new BrokerLimits(64 * 1024, 100, 1 << 20, 10, 60, 100, 10);
    private static final int MAX_CLIENT_ID_LENGTH = 65_535;

    @FuzzTest(maxDuration = "30s")
    void inboundBytesNeverBreakTheBroker(byte[] bytes) {
        EmbeddedChannel loop = new EmbeddedChannel();
        BrokerCounters counters = new BrokerCounters();
        BrokerCore core = new BrokerCore(loop.eventLoop(), LIMITS, counters, RunningBroker.openAuth(), () -> null);
        ClientConnectionHandler connection = new ClientConnectionHandler(core);
        EmbeddedChannel channel = new EmbeddedChannel(new MqttFrameDecoder(connection, LIMITS.maxMessageBytes()),
                new MqttDecoder(LIMITS.maxMessageBytes(), MAX_CLIENT_ID_LENGTH, true), MqttEncoder.INSTANCE,
                connection);
        int split = bytes.length == 0 ? 0 : (bytes[0] & 0xff) % bytes.length;
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
        if (channel.isOpen()) { // a protocol error in the first part closed it, as the broker closes a socket
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
        }
        channel.runPendingTasks();
        loop.runPendingTasks();
        channel.checkException();
        channel.finishAndReleaseAll();
        loop.finishAndReleaseAll();
        assertEquals(0, counters.internalErrors.sum(), "exceptions the broker did not expect");
    }
}
