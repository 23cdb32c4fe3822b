package org.cogos.broker.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP client that writes hand-encoded MQTT bytes, so tests can send what no library would: no
 * DISCONNECT before closing, oversized or malformed packets, QoS 2 to a QoS 1 broker, a small receive maximum.
 */
final class RawClient implements AutoCloseable {

    /** A packet read back: type (high nibble of byte 1), flags (low nibble) and the bytes after the length. */
    record Packet(int type, int flags, byte[] body) {
        int reasonCodeOfDisconnect() {
            return body.length == 0 ? 0 : body[0] & 0xFF;
        }
    }

    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int SUBACK = 9;
    static final int DISCONNECT = 14;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one packet; null when the broker closed the connection. */
    Packet read() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            if (e instanceof SocketTimeoutException) {
                throw e;
            }
            return null;
        }
        if (first < 0) {
            return null;
        }
        int length = readVariableByteInteger(in);
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(first >> 4, first & 0x0F, body);
    }

    /** Reads one packet, which must be of the given type. */
    Packet expect(int type) throws IOException {
        Packet p = read();
        if (p == null) {
            throw new EOFException("connection closed while expecting packet type " + type);
        }
        if (p.type() != type) {
            throw new AssertionError("expected packet type " + type + " but got " + p.type());
        }
        return p;
    }

    /** Whether the broker closes the connection within the socket timeout (after any packets it still sends). */
    boolean closedByBroker() throws IOException {
        try {
            while (read() != null) {
                // skip what arrives before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    void setTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ---- encoding --------------------------------------------------------------------------------------

    /**
     * MQTT 5 CONNECT. properties and willProperties are encoded property lists; willTopic null means no will.
     */
    static byte[] connect5(String clientId, int keepAliveSeconds, boolean cleanStart, byte[] properties,
            String willTopic, String willPayload, int willQos, boolean willRetain, byte[] willProperties) {
        Bytes variable = new Bytes().string("MQTT").u8(5)
                .u8(flags(cleanStart, willTopic != null, willQos, willRetain)).u16(keepAliveSeconds)
                .properties(properties);
        Bytes payload = new Bytes().string(clientId);
        if (willTopic != null) {
            payload.properties(willProperties).string(willTopic).binary(willPayload.getBytes(StandardCharsets.UTF_8));
        }
        return packet(0x10, variable.concat(payload));
    }

    static byte[] connect5(String clientId, int keepAliveSeconds, byte[] properties, String willTopic,
            String willPayload, int willQos, boolean willRetain) {
        return connect5(clientId, keepAliveSeconds, true, properties, willTopic, willPayload, willQos, willRetain,
                new byte[0]);
    }

    static byte[] connect5(String clientId) {
        return connect5(clientId, 60, new byte[0], null, null, 0, false);
    }

    /** MQTT 3.1.1 CONNECT with clean session. */
    static byte[] connect311(String clientId, int keepAliveSeconds, String willTopic, String willPayload) {
        Bytes variable = new Bytes().string("MQTT").u8(4).u8(flags(true, willTopic != null, 0, false))
                .u16(keepAliveSeconds);
        Bytes payload = new Bytes().string(clientId);
        if (willTopic != null) {
            payload.string(willTopic).binary(willPayload.getBytes(StandardCharsets.UTF_8));
        }
        return packet(0x10, variable.concat(payload));
    }

    static byte[] publish5(String topic, int qos, int packetId, byte[] payload) {
        return publish5(new Bytes().string(topic).bytes(), qos, packetId, payload);
    }

    /** PUBLISH with the topic given as raw length-prefixed bytes (to send invalid UTF-8). */
    static byte[] publish5(byte[] encodedTopic, int qos, int packetId, byte[] payload) {
        Bytes body = new Bytes().raw(encodedTopic);
        if (qos > 0) {
            body.u16(packetId);
        }
        body.properties(new byte[0]).raw(payload);
        return packet(0x30 | qos << 1, body.bytes());
    }

    static byte[] subscribe5(int packetId, String filter, int options, int subscriptionId) {
        byte[] properties = subscriptionId == 0 ? new byte[0]
                : new Bytes().u8(0x0B).variableByteInteger(subscriptionId).bytes();
        return packet(0x82, new Bytes().u16(packetId).properties(properties).string(filter).u8(options).bytes());
    }

    static byte[] puback(int packetId) {
        return new byte[] {0x40, 2, (byte) (packetId >> 8), (byte) packetId};
    }

    static byte[] disconnect5(int reasonCode) {
        return new byte[] {(byte) 0xE0, 1, (byte) reasonCode};
    }

    static byte[] receiveMaximum(int value) {
        return new Bytes().u8(0x21).u16(value).bytes();
    }

    static byte[] sessionExpiry(int seconds) {
        return new Bytes().u8(0x11).u16(seconds >>> 16).u16(seconds & 0xFFFF).bytes();
    }

    static byte[] willDelay(int seconds) {
        return new Bytes().u8(0x18).u16(seconds >>> 16).u16(seconds & 0xFFFF).bytes();
    }

    private static int flags(boolean cleanStart, boolean will, int willQos, boolean willRetain) {
        return (cleanStart ? 0x02 : 0) | (will ? 0x04 : 0) | willQos << 3 | (willRetain ? 0x20 : 0);
    }

    static byte[] packet(int firstByte, byte[] body) {
        return new Bytes().u8(firstByte).variableByteInteger(body.length).raw(body).bytes();
    }

    static int readVariableByteInteger(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("variable byte integer too long");
    }

    /** A byte builder for MQTT encodings. */
    static final class Bytes {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Bytes u8(int b) {
            buffer.write(b);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >> 8).u8(v & 0xFF);
        }

        Bytes raw(byte[] b) {
            buffer.writeBytes(b);
            return this;
        }

        Bytes string(String s) {
            return binary(s.getBytes(StandardCharsets.UTF_8));
        }

        Bytes binary(byte[] b) {
            return u16(b.length).raw(b);
        }

        Bytes variableByteInteger(int value) {
            do {
                int digit = value & 0x7F;
                value >>>= 7;
                u8(value > 0 ? digit | 0x80 : digit);
            } while (value > 0);
            return this;
        }

        Bytes properties(byte[] encoded) {
            return variableByteInteger(encoded.length).raw(encoded);
        }

        byte[] concat(Bytes other) {
            return raw(other.bytes()).bytes();
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
