package org.cogos.broker.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters written by the broker thread and read by anyone (status service, tests). */
final class BrokerCounters {
    final AtomicInteger connectedClients = new AtomicInteger();
    final AtomicInteger sessions = new AtomicInteger();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder messagesDropped = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    /** Of the protocol errors: packets larger than maxMessageBytes. */
    final LongAdder packetsTooLarge = new LongAdder();
    /** CONNECTs refused for their credentials (none, unknown user, wrong password). */
    final LongAdder refusedLogins = new LongAdder();
    /** PUBLISHes (wills included) and subscriptions refused because the client may not use that topic. */
    final LongAdder refusedOperations = new LongAdder();
    /**
     * Connections closed by an exception that is neither I/O nor a protocol error the broker answers: a bug of the
     * broker's own. Zero is the only right value; MqttFrameFuzzTest holds it to that.
     */
    final LongAdder internalErrors = new LongAdder();
}
