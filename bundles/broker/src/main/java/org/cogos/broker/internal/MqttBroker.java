package org.cogos.broker.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.cogos.api.audit.AuditTrail;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The MQTT broker as a plain Java object: start listening, stop. No OSGi here, so tests run it directly.
 *
 * <p>One event-loop thread does everything (accept, decode, route, encode). That keeps the broker state
 * lock-free and ordered (see BrokerCore), at the price of using one core at most; a site that needs more
 * throughput than that points cogos at an external broker.
 */
final class MqttBroker {

    /** Per connection: above this many bytes waiting in the socket buffer, messages wait in the session queue. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** MQTT allows client ids of 65,535 bytes; Netty's 23-character limit only applies to MQTT 3.1 anyway. */
    private static final int MAX_CLIENT_ID_LENGTH = 65_535;

    private final BrokerCounters counters = new BrokerCounters();
    private EventLoopGroup group;
    private Channel serverChannel;
    private Channel tlsChannel;
    private BrokerCore core;
    /** Where refused logins and operations are recorded; none unless {@link #auditTo} says. */
    private Supplier<AuditTrail> audit = () -> null;

    /** Records refused logins and operations in the trail the supplier gives (null: none), from the next start. */
    synchronized void auditTo(Supplier<AuditTrail> trail) {
        audit = trail;
    }

    /**
     * Listens on host:port (port 0 picks a free one) and returns the bound address.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    synchronized InetSocketAddress start(String host, int port, BrokerLimits limits, BrokerAuth auth)
            throws IOException {
        return start(host, port, limits, auth, BrokerOptions.Tls.NONE);
    }

    /**
     * Also listens with TLS on tls.port() of the same host unless it is 0; its address is then
     * {@link #tlsAddress()}. Both listeners or neither.
     *
     * @throws IOException when an address cannot be bound, or the TLS files cannot be read
     */
    synchronized InetSocketAddress start(String host, int port, BrokerLimits limits, BrokerAuth auth,
            BrokerOptions.Tls tls) throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        SslContext ssl = tls.port() > 0 ? TlsContexts.server(tls) : null;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("cogos-broker"));
        BrokerCore brokerCore = new BrokerCore(group.next(), limits, counters, auth, audit);
        core = brokerCore;
        try {
            serverChannel = bind(brokerCore, host, port, null);
            if (ssl != null) {
                tlsChannel = bind(brokerCore, host, tls.port(), ssl);
            }
        } catch (IOException e) {
            shutdownGroup(); // closes a listener already bound
            throw e;
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The TLS listener's address while it runs, else null. */
    synchronized InetSocketAddress tlsAddress() {
        return tlsChannel == null ? null : (InetSocketAddress) tlsChannel.localAddress();
    }

    private Channel bind(BrokerCore brokerCore, String host, int port, SslContext ssl) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        int maxPacketBytes = brokerCore.limits().maxMessageBytes();
                        ClientConnectionHandler connection = new ClientConnectionHandler(brokerCore);
                        if (ssl != null) {
                            channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc()));
                        }
                        channel.pipeline()
                                .addLast("frames", new MqttFrameDecoder(connection, maxPacketBytes))
                                // strict UTF-8: ill-formed strings and U+0000 are malformed packets (MQTT 5 1.5.4)
                                .addLast("decoder", new MqttDecoder(maxPacketBytes, MAX_CLIENT_ID_LENGTH, true))
                                .addLast("encoder", MqttEncoder.INSTANCE)
                                .addLast("connection", connection);
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + host + ":" + port + (ssl == null ? "" : " (TLS)") + ": "
                    + cause.getMessage(), cause);
        }
        return bound.channel();
    }

    /** Disconnects every client (MQTT 5: reason 0x8B, server shutting down) and releases the port. */
    synchronized void stop() {
        if (group == null) {
            return;
        }
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (tlsChannel != null) {
            tlsChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            tlsChannel = null;
        }
        group.submit(core::shutdown).awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownGroup();
    }

    /** Applies new limits while running; maxMessageBytes applies to connections made from now on. */
    synchronized void updateLimits(BrokerLimits limits) {
        if (group != null) {
            group.execute(() -> core.setLimits(limits));
        }
    }

    /** Disconnects the connections of a user whose account was removed; the broker thread does it. */
    synchronized void disconnectUser(String user) {
        if (group != null) {
            BrokerCore running = core;
            group.execute(() -> running.disconnectUser(user));
        }
    }

    BrokerCounters counters() {
        return counters;
    }

    private void shutdownGroup() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        group = null;
        serverChannel = null;
        tlsChannel = null;
        core = null;
    }
}
