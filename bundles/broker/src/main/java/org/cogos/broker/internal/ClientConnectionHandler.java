package org.cogos.broker.internal;

import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's end of one client connection (its Netty handler): checks every packet the client sends and turns
 * it into broker operations; the client's {@link Session} may outlive it. A client that breaks the protocol is
 * disconnected with the matching MQTT 5 reason code (MQTT 3.1.1 clients: the connection is closed) and nothing
 * it sent reaches other clients. Runs on the broker thread.
 */
final class ClientConnectionHandler extends SimpleChannelInboundHandler<MqttMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionHandler.class);

    /** A Session Expiry Interval of 0xFFFFFFFF: never expire (capped by maxSessionExpirySeconds). */
    private static final long NEVER_EXPIRES = 0xFFFF_FFFFL;
    private static final int MAX_GRANTED_QOS = 1;

    private enum State { AWAITING_CONNECT, CONNECTED, CLOSING }

    private final BrokerCore core;
    private Channel channel;
    private State state = State.AWAITING_CONNECT;
    private String clientId;
    /** Who the client authenticated as; set at CONNECT. */
    private BrokerAuth.Login login;

    /** Negotiated at CONNECT; read by the session when it sends. */
    boolean mqtt5;
    int receiveMaximum = 65_535;
    long maximumPacketSize = Long.MAX_VALUE;
    Session session;

    private Publication will;
    private long willDelaySeconds;
    private boolean willSuppressed;
    private boolean connectedWithZeroSessionExpiry;
    private long keepAliveNanos;
    private long lastPacketNanos;
    /** Connect timeout until CONNECT, then the keep-alive check. */
    private ScheduledFuture<?> timer;
    /** Whole packets the frame decoder passed on that have not come out of the MQTT decoder yet. */
    private int framesPending;

    ClientConnectionHandler(BrokerCore core) {
        this.core = core;
    }

    // ---- Netty events --------------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        core.opened(this);
        timer = core.schedule(this::connectTimedOut,
                TimeUnit.SECONDS.toNanos(core.limits().connectTimeoutSeconds()));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        framesPending--;
        if (state == State.CLOSING) {
            return;
        }
        long now = System.nanoTime();
        lastPacketNanos = now;
        DecoderResult result = message.decoderResult();
        if (result.isFailure()) {
            undecodable(result.cause());
            return;
        }
        try {
            if (state == State.AWAITING_CONNECT) {
                if (message.fixedHeader().messageType() != MqttMessageType.CONNECT) {
                    throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR,
                            "first packet is " + message.fixedHeader().messageType() + ", not CONNECT");
                }
                connect((MqttConnectMessage) message, now);
            } else {
                dispatch(message, now);
            }
        } catch (MqttProtocolException e) {
            protocolError(e.reasonCode, e.getMessage());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (framesPending != 0 && state != State.CLOSING) {
            // One packet in, one message out. Otherwise the packet's fields disagree with its Remaining Length:
            // the decoder waits for bytes past its end (more), or parsed its leftover bytes as a packet (fewer).
            protocolError(ReasonCode.MALFORMED_PACKET,
                    "malformed packet: its fields do not fit its Remaining Length");
        }
        core.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable() && session != null && session.connection() == this) {
            session.drain(System.nanoTime());
            core.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        state = State.CLOSING;
        core.closed(this, willSuppressed ? null : will, willDelaySeconds);
        core.flush();
        if (clientId != null) {
            LOG.debug("Client {} disconnected", clientId);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Connection of {} failed: {}", describe(), cause.toString());
        } else {
            core.counters.internalErrors.increment();
            LOG.warn("Connection of {} failed; closing it", describe(), cause);
        }
        state = State.CLOSING;
        ctx.close();
    }

    // ---- used by the frame decoder, the session and the core --------------------------------------------

    void frameDecoded() {
        framesPending++;
    }

    void frameTooLarge(long packetBytes, int maxPacketBytes) {
        core.counters.packetsTooLarge.increment();
        protocolError(ReasonCode.PACKET_TOO_LARGE,
                "packet of " + packetBytes + " bytes exceeds maxMessageBytes " + maxPacketBytes);
    }

    void malformedFrame(String why) {
        protocolError(ReasonCode.MALFORMED_PACKET, "malformed packet: " + why);
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    void flush() {
        channel.flush();
    }

    void writePublish(Delivery delivery, int packetId, boolean dup, long nowNanos) {
        Publication p = delivery.publication();
        MqttProperties properties = mqtt5 ? p.properties(delivery.subscriptionIds(), nowNanos)
                : MqttProperties.NO_PROPERTIES;
        write(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(delivery.qos()), delivery.retain(), 0),
                new MqttPublishVariableHeader(p.topic, packetId, properties),
                Unpooled.wrappedBuffer(p.payload)));
        core.counters.messagesSent.increment();
    }

    /** Another connection took over this client id's session. */
    void takenOver() {
        if (willDelaySeconds > 0) {
            // The client is back before the Will Delay Interval passed: MQTT 5 says the will must not be sent.
            willSuppressed = true;
        }
        LOG.info("Client {} connected again on another connection; closing the old one (session taken over)",
                clientId);
        disconnect(ReasonCode.SESSION_TAKEN_OVER, "session taken over by a new connection");
    }

    /** The broker stops: close without publishing the will. */
    void shutdown() {
        willSuppressed = true;
        if (state == State.CONNECTED) {
            disconnect(ReasonCode.SERVER_SHUTTING_DOWN, "broker stopping");
        } else {
            state = State.CLOSING;
            channel.close();
        }
    }

    // ---- packets ---------------------------------------------------------------------------------------

    private void dispatch(MqttMessage message, long now) throws MqttProtocolException {
        MqttMessageType type = message.fixedHeader().messageType();
        switch (type) {
            case PUBLISH -> publish((MqttPublishMessage) message, now);
            case PUBACK -> session.acknowledge(packetId(message), now);
            case PUBREL -> release(packetId(message));
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) message, now);
            case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) message);
            case PINGREQ -> write(MqttMessage.PINGRESP);
            case DISCONNECT -> clientDisconnect(message);
            case CONNECT -> throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "second CONNECT");
            default -> throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "unexpected " + type + " packet");
        }
    }

    private void connect(MqttConnectMessage message, long now) throws MqttProtocolException {
        MqttConnectVariableHeader header = message.variableHeader();
        MqttConnectPayload payload = message.payload();
        mqtt5 = header.version() == MqttVersion.MQTT_5.protocolLevel();
        BrokerLimits limits = core.limits();

        if (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain())) {
            throw new MqttProtocolException(ReasonCode.MALFORMED_PACKET, "will QoS or will retain set without a will");
        }
        if (header.willQos() > 2) {
            throw new MqttProtocolException(ReasonCode.MALFORMED_PACKET, "will QoS 3");
        }
        MqttProperties properties = header.properties();
        long requestedExpiry;
        if (mqtt5) {
            if (MqttProps.has(properties, MqttPropertyType.AUTHENTICATION_METHOD)) {
                throw new MqttProtocolException(ReasonCode.BAD_AUTHENTICATION_METHOD,
                        "enhanced authentication is not supported");
            }
            Integer clientReceiveMaximum = MqttProps.integer(properties, MqttPropertyType.RECEIVE_MAXIMUM);
            if (clientReceiveMaximum != null) {
                if (clientReceiveMaximum == 0) {
                    throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "Receive Maximum 0");
                }
                receiveMaximum = clientReceiveMaximum;
            }
            Long clientMaximumPacketSize = MqttProps.unsigned(properties, MqttPropertyType.MAXIMUM_PACKET_SIZE);
            if (clientMaximumPacketSize != null) {
                if (clientMaximumPacketSize == 0) {
                    throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "Maximum Packet Size 0");
                }
                maximumPacketSize = clientMaximumPacketSize;
            }
            Long expiry = MqttProps.unsigned(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL);
            requestedExpiry = expiry == null ? 0 : expiry;
        } else {
            // MQTT 3.1.1: a session without Clean Session never expires; the broker caps it.
            requestedExpiry = header.isCleanSession() ? 0 : NEVER_EXPIRES;
        }
        connectedWithZeroSessionExpiry = requestedExpiry == 0;
        long grantedExpiry = Math.min(requestedExpiry, limits.maxSessionExpirySeconds());

        String id = payload.clientIdentifier();
        boolean assignedId = id == null || id.isEmpty();
        if (assignedId) {
            if (!mqtt5 && !header.isCleanSession()) {
                throw new MqttProtocolException(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                        "empty client id with Clean Session 0");
            }
            id = core.assignClientId();
        }
        clientId = id;

        Publication parsedWill = null;
        long parsedWillDelay = 0;
        if (header.isWillFlag()) {
            String topic = payload.willTopic();
            if (!TopicNames.isValidName(topic)) {
                throw new MqttProtocolException(ReasonCode.TOPIC_NAME_INVALID, "invalid will topic " + topic);
            }
            if (mqtt5 && header.willQos() > MAX_GRANTED_QOS) {
                throw new MqttProtocolException(ReasonCode.QOS_NOT_SUPPORTED, "will QoS 2; the broker's maximum is 1");
            }
            MqttProperties willProperties = mqtt5 ? payload.willProperties() : MqttProperties.NO_PROPERTIES;
            byte[] willPayload = payload.willMessageInBytes() == null ? new byte[0] : payload.willMessageInBytes();
            parsedWill = Publication.fromClient(topic, header.willQos(), header.isWillRetain(), willPayload, id,
                    willProperties, now);
            Long delay = MqttProps.unsigned(willProperties, MqttPropertyType.WILL_DELAY_INTERVAL);
            parsedWillDelay = delay == null ? 0 : delay;
        }

        BrokerAuth.Outcome outcome = core.auth().authenticate(header.hasUserName() ? payload.userName() : null,
                header.hasPassword() ? payload.passwordInBytes() : null, certificateId());
        if (outcome instanceof BrokerAuth.Refusal refusal) {
            core.counters.refusedLogins.increment();
            core.refuseAccess(LOG, "Refused client " + id + " from " + channel.remoteAddress() + ": "
                    + refusal.why(), header.hasUserName() ? payload.userName() : "(anonymous)", "mqtt:connect", id);
            refuse(refusal.reasonCode(), refusal.why());
            return;
        }
        BrokerAuth.Login authenticated = (BrokerAuth.Login) outcome;
        if (parsedWill != null && !core.auth().mayPublish(authenticated, parsedWill.topic)) {
            core.counters.refusedOperations.increment();
            String why = "user " + authenticated.user() + " may not publish its will to " + parsedWill.topic;
            core.refuseAccess(LOG, "Refused client " + id + ": " + why, authenticated.user(), "mqtt:connect",
                    parsedWill.topic);
            refuse(ReasonCode.NOT_AUTHORIZED, why);
            return;
        }
        login = authenticated;

        BrokerCore.Attachment attachment = core.connect(this, id, header.isCleanSession(), grantedExpiry);
        if (attachment == null) {
            core.refusalLog.warn(LOG, "Refused client " + id + ": " + limits.maxClients()
                    + " sessions held (maxClients)");
            refuse(ReasonCode.QUOTA_EXCEEDED, "session limit reached");
            return;
        }
        session = attachment.session();
        will = parsedWill;
        willDelaySeconds = parsedWillDelay;
        state = State.CONNECTED;
        timer.cancel(false);
        int keepAliveSeconds = header.keepAliveTimeSeconds();
        if (keepAliveSeconds > 0) {
            keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(keepAliveSeconds * 1500L);
            timer = core.schedule(this::checkKeepAlive, keepAliveNanos);
        }

        MqttProperties ack = MqttProperties.NO_PROPERTIES;
        if (mqtt5) {
            ack = new MqttProperties();
            addInteger(ack, MqttPropertyType.MAXIMUM_QOS, MAX_GRANTED_QOS);
            addInteger(ack, MqttPropertyType.RETAIN_AVAILABLE, 1);
            addInteger(ack, MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE, 1);
            addInteger(ack, MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1);
            addInteger(ack, MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE, 1);
            addInteger(ack, MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0);
            addInteger(ack, MqttPropertyType.MAXIMUM_PACKET_SIZE, limits.maxMessageBytes());
            if (grantedExpiry != requestedExpiry) {
                addInteger(ack, MqttPropertyType.SESSION_EXPIRY_INTERVAL, (int) grantedExpiry);
            }
            if (assignedId) {
                ack.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), id));
            }
        }
        write(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, attachment.sessionPresent(), ack));
        LOG.debug("Client {} connected from {} (MQTT {}, session {})", id, channel.remoteAddress(),
                mqtt5 ? "5" : "3.1.1", attachment.sessionPresent() ? "resumed" : "new");
        session.resume(now);
    }

    private void publish(MqttPublishMessage message, long now) throws MqttProtocolException {
        int qos = message.fixedHeader().qosLevel().value();
        MqttPublishVariableHeader header = message.variableHeader();
        MqttProperties properties = header.properties();
        int packetId = header.packetId();
        if (qos == 0 && message.fixedHeader().isDup()) {
            throw new MqttProtocolException(ReasonCode.MALFORMED_PACKET, "DUP flag on a QoS 0 PUBLISH");
        }
        if (qos > MAX_GRANTED_QOS && mqtt5) {
            throw new MqttProtocolException(ReasonCode.QOS_NOT_SUPPORTED, "QoS 2 PUBLISH; the broker's maximum is 1");
        }
        if (MqttProps.has(properties, MqttPropertyType.TOPIC_ALIAS)) {
            throw new MqttProtocolException(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias sent; Topic Alias Maximum is 0");
        }
        if (MqttProps.has(properties, MqttPropertyType.SUBSCRIPTION_IDENTIFIER)) {
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "Subscription Identifier in a client PUBLISH");
        }
        String topic = header.topicName();
        if (!TopicNames.isValidName(topic)) {
            // The codec refuses wildcards as malformed; what is left is an empty name without a topic alias.
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "PUBLISH with an empty topic name");
        }
        if (!core.auth().mayPublish(login, topic)) {
            // QoS 0 has no reply: dropped, counted and logged, as Mosquitto does.
            core.counters.refusedOperations.increment();
            core.counters.messagesDropped.increment();
            core.refuseAccess(LOG, "Refused a PUBLISH of client " + clientId + ": user " + login.user()
                    + " may not publish to " + topic, login.user(), "mqtt:publish", topic);
            replyToRefusedPublish(qos, packetId, ReasonCode.NOT_AUTHORIZED);
            return;
        }
        // MQTT 3.1.1 clients may publish QoS 2 (3.1.1 has no way to refuse it): accepted once per packet id, as
        // exactly once requires, and forwarded at QoS 1 at most like everything else.
        if (qos == 2 && !session.awaitingRelease.add(packetId)) {
            write(pubReply(MqttMessageType.PUBREC, packetId, ReasonCode.SUCCESS));
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(message.payload());
        Publication publication;
        try {
            publication = Publication.fromClient(topic, qos, message.fixedHeader().isRetain(), payload, clientId,
                    properties, now);
        } catch (MqttProtocolException e) {
            if (e.reasonCode != ReasonCode.PAYLOAD_FORMAT_INVALID) {
                throw e;
            }
            refusePublish(qos, packetId, e.reasonCode, e.getMessage());
            return;
        }
        if (publication.retain && !core.acceptsRetained(publication)) {
            refusePublish(qos, packetId, ReasonCode.QUOTA_EXCEEDED, "retained store full ("
                    + core.limits().maxRetainedMessages() + " topics, maxRetainedMessages); topic " + topic);
            return;
        }
        core.counters.messagesReceived.increment();
        int receivers = core.publish(publication, now);
        if (qos == 1) {
            write(pubReply(MqttMessageType.PUBACK, packetId,
                    receivers == 0 ? ReasonCode.NO_MATCHING_SUBSCRIBERS : ReasonCode.SUCCESS));
        } else if (qos == 2) {
            write(pubReply(MqttMessageType.PUBREC, packetId, ReasonCode.SUCCESS));
        }
    }

    private void refusePublish(int qos, int packetId, byte reasonCode, String why) {
        core.counters.messagesDropped.increment();
        core.refusalLog.warn(LOG, "Refused a PUBLISH of client " + clientId + ": " + why);
        replyToRefusedPublish(qos, packetId, reasonCode);
    }

    private void replyToRefusedPublish(int qos, int packetId, byte reasonCode) {
        if (qos == 1) {
            write(pubReply(MqttMessageType.PUBACK, packetId, reasonCode));
        } else if (qos == 2) {
            write(pubReply(MqttMessageType.PUBREC, packetId, ReasonCode.SUCCESS));
        }
    }

    private void release(int packetId) {
        boolean known = session.awaitingRelease.remove(packetId);
        write(pubReply(MqttMessageType.PUBCOMP, packetId,
                known || !mqtt5 ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND));
    }

    private void subscribe(MqttSubscribeMessage message, long now) throws MqttProtocolException {
        int packetId = message.variableHeader().messageId();
        List<? extends MqttProperties.MqttProperty> ids = message.idAndPropertiesVariableHeader().properties()
                .getProperties(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
        if (ids.size() > 1) {
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "more than one Subscription Identifier");
        }
        int subscriptionId = ids.isEmpty() ? 0 : (Integer) ids.get(0).value();
        if (!ids.isEmpty() && subscriptionId == 0) {
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "Subscription Identifier 0");
        }
        List<MqttTopicSubscription> requested = message.payload().topicSubscriptions();
        if (requested.isEmpty()) {
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "SUBSCRIBE without a topic filter");
        }
        for (MqttTopicSubscription r : requested) {
            if (mqtt5 && r.option().isNoLocal() && TopicNames.isShared(r.topicName())) {
                throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR,
                        "No Local on shared subscription " + r.topicName());
            }
        }
        int[] reasonCodes = new int[requested.size()];
        List<Delivery> retainedMessages = new ArrayList<>();
        for (int i = 0; i < reasonCodes.length; i++) {
            String key = requested.get(i).topicName();
            MqttSubscriptionOption option = requested.get(i).option();
            if (!TopicNames.isValidSubscription(key)) {
                reasonCodes[i] = mqtt5 ? ReasonCode.TOPIC_FILTER_INVALID & 0xFF : MqttQoS.FAILURE.value();
                continue;
            }
            if (!core.auth().maySubscribe(login, key)) {
                core.counters.refusedOperations.increment();
                core.refuseAccess(LOG, "Refused a SUBSCRIBE of client " + clientId + ": user " + login.user()
                        + " may not subscribe to " + key, login.user(), "mqtt:subscribe", key);
                reasonCodes[i] = mqtt5 ? ReasonCode.NOT_AUTHORIZED & 0xFF : MqttQoS.FAILURE.value();
                continue;
            }
            TopicNames.SharedFilter shared = TopicNames.isShared(key) ? TopicNames.parseShared(key) : null;
            // MQTT 3.1.1 has none of these options; its reserved bits are ignored.
            boolean noLocal = mqtt5 && option.isNoLocal();
            boolean retainAsPublished = mqtt5 && option.isRetainAsPublished();
            RetainedHandlingPolicy retainHandling = mqtt5 ? option.retainHandling()
                    : RetainedHandlingPolicy.SEND_AT_SUBSCRIBE;
            int granted = Math.min(option.qos().value(), MAX_GRANTED_QOS);
            Subscription subscription = new Subscription(key, shared == null ? key : shared.filter(),
                    shared == null ? null : shared.group(), granted, noLocal, retainAsPublished, subscriptionId);
            boolean isNew = core.subscribe(session, subscription);
            reasonCodes[i] = granted;
            // Retained messages are not sent for shared subscriptions (MQTT 5 section 4.8.2).
            if (shared == null && (retainHandling == RetainedHandlingPolicy.SEND_AT_SUBSCRIBE
                    || retainHandling == RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS && isNew)) {
                for (Publication p : core.retained(subscription.filter(), now)) {
                    retainedMessages.add(new Delivery(p, Math.min(p.qos, granted), true, BrokerCore.ids(subscription)));
                }
            }
        }
        write(new MqttSubAckMessage(fixedHeader(MqttMessageType.SUBACK),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(reasonCodes)));
        BrokerLimits limits = core.limits();
        for (Delivery d : retainedMessages) {
            session.deliver(d, limits, now);
        }
    }

    private void unsubscribe(MqttUnsubscribeMessage message) throws MqttProtocolException {
        int packetId = message.variableHeader().messageId();
        List<String> filters = message.payload().topics();
        if (filters.isEmpty()) {
            throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR, "UNSUBSCRIBE without a topic filter");
        }
        short[] reasonCodes = new short[filters.size()];
        for (int i = 0; i < reasonCodes.length; i++) {
            String key = filters.get(i);
            byte code = !TopicNames.isValidSubscription(key) ? ReasonCode.TOPIC_FILTER_INVALID
                    : core.unsubscribe(session, key) ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED;
            reasonCodes[i] = (short) (code & 0xFF);
        }
        MqttFixedHeader fixedHeader = fixedHeader(MqttMessageType.UNSUBACK);
        write(mqtt5
                ? new MqttUnsubAckMessage(fixedHeader,
                        new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                        new MqttUnsubAckPayload(reasonCodes))
                : new MqttUnsubAckMessage(fixedHeader, MqttMessageIdVariableHeader.from(packetId)));
    }

    private void clientDisconnect(MqttMessage message) throws MqttProtocolException {
        byte reason = ReasonCode.SUCCESS;
        if (message.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            reason = header.reasonCode();
            Long expiry = mqtt5 ? MqttProps.unsigned(header.properties(), MqttPropertyType.SESSION_EXPIRY_INTERVAL)
                    : null;
            if (expiry != null) {
                if (connectedWithZeroSessionExpiry && expiry != 0) {
                    throw new MqttProtocolException(ReasonCode.PROTOCOL_ERROR,
                            "Session Expiry Interval set on DISCONNECT after 0 on CONNECT");
                }
                if (session.connection() == this) {
                    session.sessionExpirySeconds = Math.min(expiry, core.limits().maxSessionExpirySeconds());
                }
            }
        }
        // Only a normal disconnect (0x00) discards the will; 0x04 "with will message" and error codes keep it.
        if (reason == ReasonCode.SUCCESS) {
            willSuppressed = true;
        }
        state = State.CLOSING;
        channel.close();
    }

    // ---- failures and timers ---------------------------------------------------------------------------

    private void undecodable(Throwable cause) {
        if (state == State.AWAITING_CONNECT && cause instanceof MqttUnacceptableProtocolVersionException) {
            core.counters.protocolErrors.increment();
            core.protocolLog.warn(LOG, "Refused a connection from " + channel.remoteAddress()
                    + ": unsupported MQTT protocol version");
            state = State.CLOSING;
            // Answered in the MQTT 3.1.1 form, which every client version understands (MQTT 5 section 3.1.2.2).
            channel.writeAndFlush(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                    false, MqttProperties.NO_PROPERTIES)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        protocolError(ReasonCode.MALFORMED_PACKET, "malformed packet: " + cause.getMessage());
    }

    private void protocolError(byte reasonCode, String why) {
        core.counters.protocolErrors.increment();
        core.protocolLog.warn(LOG, "Client " + describe() + ": " + why + "; disconnected (reason "
                + ReasonCode.hex(reasonCode) + ")");
        if (state == State.AWAITING_CONNECT) {
            refuse(reasonCode, why);
        } else {
            disconnect(reasonCode, why);
        }
    }

    /** Answers CONNECT with an error and closes. MQTT 3.1.1 has codes for few cases; otherwise it just closes. */
    private void refuse(byte reasonCode, String why) {
        state = State.CLOSING;
        MqttConnectReturnCode code = mqtt5 ? MqttConnectReturnCode.valueOf(reasonCode) : mqtt3ReturnCode(reasonCode);
        if (code == null) {
            channel.close();
            return;
        }
        channel.writeAndFlush(connAck(code, false, mqtt5 ? reasonString(why) : MqttProperties.NO_PROPERTIES))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * The CN of the client certificate this connection's TLS handshake verified against the robot CA; null on plain
     * TCP, or when the client showed none. CONNECT is decoded only after the handshake, so the session is final.
     */
    private String certificateId() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            X500Principal subject = ((X509Certificate) chain[0]).getSubjectX500Principal();
            for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no certificate: the client logs in with a password, as on plain TCP
        } catch (InvalidNameException e) {
            throw new IllegalStateException("the JDK verified a certificate whose subject it cannot parse", e);
        }
    }

    boolean isUser(String user) {
        return login != null && login.robot() && login.user().equals(user);
    }

    /** Its robot's account was removed: disconnected, and it cannot connect again. */
    void accountRemoved() {
        disconnect(ReasonCode.NOT_AUTHORIZED, "account removed");
    }

    /** Server-side DISCONNECT (MQTT 5) and close; the will is published unless suppressed. */
    private void disconnect(byte reasonCode, String why) {
        if (state == State.CLOSING) {
            return;
        }
        state = State.CLOSING;
        if (mqtt5) {
            channel.writeAndFlush(new MqttMessage(fixedHeader(MqttMessageType.DISCONNECT),
                    new MqttReasonCodeAndPropertiesVariableHeader(reasonCode, reasonString(why))))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.flush();
            channel.close();
        }
    }

    private void connectTimedOut() {
        if (state == State.AWAITING_CONNECT) {
            LOG.debug("{} sent no CONNECT within {} s; closed", channel.remoteAddress(),
                    core.limits().connectTimeoutSeconds());
            state = State.CLOSING;
            channel.close();
        }
    }

    private void checkKeepAlive() {
        if (state != State.CONNECTED) {
            return;
        }
        long silent = System.nanoTime() - lastPacketNanos;
        if (silent >= keepAliveNanos) {
            LOG.info("Client {} sent nothing for 1.5 times its keep-alive; disconnecting it", clientId);
            disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
        } else {
            timer = core.schedule(this::checkKeepAlive, keepAliveNanos - silent);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void write(MqttMessage message) {
        channel.write(message, channel.voidPromise());
        core.markUnflushed(this);
    }

    private String describe() {
        return clientId != null ? clientId : channel == null ? "?" : String.valueOf(channel.remoteAddress());
    }

    private static int packetId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }

    private static MqttFixedHeader fixedHeader(MqttMessageType type) {
        return new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0);
    }

    private static MqttMessage pubReply(MqttMessageType type, int packetId, byte reasonCode) {
        return new MqttMessage(fixedHeader(type),
                new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
    }

    private static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent,
            MqttProperties properties) {
        return new MqttConnAckMessage(fixedHeader(MqttMessageType.CONNACK),
                new MqttConnAckVariableHeader(code, sessionPresent, properties));
    }

    private static MqttProperties reasonString(String why) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(), why));
        return properties;
    }

    private static void addInteger(MqttProperties properties, MqttPropertyType type, int value) {
        properties.add(new MqttProperties.IntegerProperty(type.value(), value));
    }

    private static MqttConnectReturnCode mqtt3ReturnCode(byte reasonCode) {
        return switch (reasonCode) {
            case ReasonCode.CLIENT_IDENTIFIER_NOT_VALID -> MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            case ReasonCode.QUOTA_EXCEEDED -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case ReasonCode.BAD_USER_NAME_OR_PASSWORD ->
                    MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            case ReasonCode.NOT_AUTHORIZED -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            default -> null;
        };
    }
}
