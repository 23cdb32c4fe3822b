package org.cogos.broker.internal;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Cuts the byte stream into whole MQTT packets (fixed header and Remaining Length) before Netty's MqttDecoder
 * parses them. This gives two guarantees the codec alone does not: a packet larger than maxMessageBytes is
 * refused as soon as its length is known, before its bytes are buffered; and a packet whose fields claim more
 * bytes than its Remaining Length is reported as malformed at once instead of swallowing the next packets.
 */
final class MqttFrameDecoder extends ByteToMessageDecoder {

    private final ClientConnectionHandler connection;
    private final int maxPacketBytes;
    private boolean failed;

    MqttFrameDecoder(ClientConnectionHandler connection, int maxPacketBytes) {
        this.connection = connection;
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        long remainingLength = 0;
        int headerBytes = 1;
        for (int multiplier = 1;; multiplier *= 128) {
            if (headerBytes == 5) {
                fail(in);
                connection.malformedFrame("Remaining Length longer than 4 bytes");
                return;
            }
            if (in.readableBytes() <= headerBytes) {
                return;
            }
            int digit = in.getUnsignedByte(start + headerBytes);
            headerBytes++;
            remainingLength += (long) (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        long packetBytes = headerBytes + remainingLength;
        if (packetBytes > maxPacketBytes) {
            fail(in);
            connection.frameTooLarge(packetBytes, maxPacketBytes);
            return;
        }
        if (in.readableBytes() < packetBytes) {
            return;
        }
        connection.frameDecoded();
        out.add(in.readRetainedSlice((int) packetBytes));
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }
}
