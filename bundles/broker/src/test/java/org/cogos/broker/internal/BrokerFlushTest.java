package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.Test;

public class BrokerFlushTest {

    /**
     * Seen in MqttHotSwapIT: flushing the connection that received percepts made the robot's connection write
     * within the flush; BrokerCore.flush iterated the set of connections to flush, which threw
     * ConcurrentModificationException (the robot's connection was closed) or, when the set had one element,
     * cleared the new write's mark unflushed, leaving it stuck until that connection's next write.
     */
    @Test
    public void regressionAFlushThatMadeAnotherConnectionWriteThrewConcurrentModification() {
        EmbeddedChannel loop = new EmbeddedChannel();
        BrokerCore core = new BrokerCore(loop.eventLoop(), RunningBroker.DEFAULT_LIMITS, new BrokerCounters(),
                RunningBroker.openAuth(), () -> null);
        ClientConnectionHandler robot = new ClientConnectionHandler(core);
        EmbeddedChannel robotChannel = new EmbeddedChannel(robot);
        ClientConnectionHandler cogos = new ClientConnectionHandler(core);
        EmbeddedChannel cogosChannel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // What a synchronous writability change does: another session drains into its connection.
                robotChannel.write(Unpooled.wrappedBuffer(new byte[] { 42 }));
                core.markUnflushed(robot);
                ctx.flush();
            }
        }, cogos);

        cogosChannel.write(Unpooled.wrappedBuffer(new byte[] { 7 }));
        core.markUnflushed(cogos);
        core.flush();

        ByteBuf toCogos = cogosChannel.readOutbound();
        ByteBuf toRobot = robotChannel.readOutbound();
        assertNotNull("cogos's write was flushed", toCogos);
        assertNotNull("the write made during the flush was flushed by the same flush", toRobot);
        assertEquals(42, toRobot.readByte());
        toCogos.release();
        toRobot.release();
        loop.finishAndReleaseAll();
    }
}
