package org.cogos.mqtt.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.cogos.api.Action;
import org.cogos.api.ActionSink;
import org.cogos.api.ActionAck;
import org.cogos.api.ActionAckListener;
import org.cogos.api.admin.MqttCounter;
import org.cogos.util.log.LogThrottle;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward delivery of actions to robots on {@code {prefix}/robots/{robot}/actions}.
 *
 * <p><b>Delivery semantics: at least once, never silently lost, possibly duplicated.</b> An action is written to
 * disk before {@link #send} returns and stays there until the robot acknowledges it on {@code .../acks}. Until
 * then it is published again with the same {@code action_id} whenever {@code ackTimeoutMs} passes without an ack,
 * on every (re)connection and when the outbox starts, so it survives lost messages, broker restarts and cogos
 * restarts. The price is duplicates (a lost ack, a reconnect while the robot already had it), which robots drop
 * by action id. Exactly once would need a transaction with each robot — MQTT has none end to end — and at most
 * once would let a stop command vanish with a broker restart. After {@code maxDeliveryAttempts} publications
 * without an ack the action is dead-lettered (appended to {@code dead.jsonl}, logged, counted) rather than retried
 * for ever: an action that arrives minutes late may do harm.
 *
 * <p>Connection: the outbox's own, a companion of the main link ({@code <clientId>-actions}, {@link
 * BrokerLink#companion}), for both the actions and the robots' acks. On the main connection an ack waited at the
 * broker behind every sensor message queued for cogos, and the next action behind the full outbox, stops included.
 * Its session holds the acks that arrive while cogos is down, as the main one holds the percepts.
 *
 * <p>Order: actions are published in send order over one connection, so a robot receives them in that order.
 * Re-deliveries after a timeout are the exception: a re-published action may arrive after later ones, which is
 * why it carries its {@code created} time and sequence numbers.
 *
 * <p>Storage: an append-only journal ({@link OutboxJournal}, {@code outbox.journal}), one record per accepted or
 * finished action, written with one {@code write()} to a file kept open (creating a file per action was the cost on
 * the decision path). Records are not fsync'ed: actions survive a process crash or restart, not a power cut (an
 * fsync would cost milliseconds per action). At start the journal is replayed, a record torn by a crash is skipped,
 * and the pending actions are rewritten as a fresh journal (compaction); compaction runs again on the outbox's thread
 * when finished records pile up, writing and fsyncing its snapshot without the lock. Journal records are written
 * under the outbox lock: the file must list state changes in the order they happened (an action before its removal,
 * sends in send order) and never lose a record to a compaction; one short append costs microseconds.
 *
 * <p>A journal that cannot be written (a full disk, an I/O error) does not stop delivery: the action is still
 * accepted, kept in memory and published, counted {@code outbox.unjournaled} and logged on a throttle. Refusing it
 * instead would keep every action, stops included, from the robots for as long as the disk stays full; the price
 * is that those actions are lost if cogos also stops before the journal is whole again. The outbox's thread
 * rewrites the journal (a compaction, which writes every pending action) every {@code COMPACTION_CHECK_MS} until
 * that succeeds.
 */
@Component(service = ActionSink.class, configurationPid = MqttConfig.PID, immediate = true)
public final class ActionOutbox implements ActionSink {

    private static final Logger LOG = LoggerFactory.getLogger(ActionOutbox.class);
    private static final String JOURNAL = "outbox.journal";
    private static final String ACK_LISTENER = "ackListener";
    private static final String DEAD_LETTERS = "dead.jsonl";
    /** The action type that may use the stop reserve beyond {@code outboxCapacity} (docs/actions.md). */
    private static final String STOP = "stop";
    /** The role of the outbox's connection: client id {@code <clientId>-actions}. */
    static final String CONNECTION_ROLE = "actions";
    /** Compaction when this many journal records describe finished actions (acked or dead)... */
    static final long COMPACT_FINISHED_RECORDS = 10_000;
    /** ...or when they take this many bytes, whichever comes first. */
    static final long COMPACT_FINISHED_BYTES = 16L << 20;
    /** How often the journal is checked against those bounds (and a failed compaction tried again). */
    private static final long COMPACTION_CHECK_MS = 1000;
    /** How often unacknowledged actions are checked against ackTimeoutMs. */
    private static final long TICK_MS = 50;
    /** Wait before trying again when the broker's in-flight window is full. */
    private static final long WINDOW_RETRY_MS = 5;

    /** The outbox's own connection, a companion of the main link; closed with the outbox. */
    private final BrokerLink link;
    private final MqttTopics topics;
    private final Counters counters;
    private final LogThrottle malformedAckLog = new LogThrottle();
    private final LogThrottle journalFailureLog = new LogThrottle();
    private final Path directory;
    private final Path deadLetters;
    private final int capacity;
    private final long ackTimeoutNanos;
    private final int maxDeliveryAttempts;
    /** Listeners by what they were bound as: their service reference in OSGi, themselves outside. */
    private final Map<Object, Supplier<ActionAckListener>> ackListeners = new ConcurrentHashMap<>();
    /** Finds a bound listener's service by its reference; null outside OSGi. */
    private final ComponentContext componentContext;
    /** Re-publishes, retries when the window was full, takes acks, compacts; first publications run on the sender. */
    private final ScheduledExecutorService executor;

    private final Object lock = new Object();
    /** Held by the one compaction that may run at a time; never taken while holding {@link #lock}. */
    private final Object compaction = new Object();
    private final TreeMap<Long, Entry> pending = new TreeMap<>(); // by sequence = send order; guarded by lock
    private final Map<String, Entry> byActionId = new HashMap<>(); // guarded by lock
    private final ArrayDeque<Entry> toPublish = new ArrayDeque<>(); // guarded by lock
    private final OutboxJournal journal; // guarded by lock
    /** Journal bytes taken by the records of pending actions; the rest is for compaction to drop. */
    private long pendingJournalBytes; // guarded by lock
    private long nextSequence; // guarded by lock
    private boolean closed; // guarded by lock
    /** Journal writes that failed; the journal misses records until a compaction after the last. Guarded by lock. */
    private long journalFailures;
    /** journalFailures when the journal was last whole; guarded by lock. */
    private long journalFailuresRepaired;
    /** A thread is publishing from toPublish; guarded by lock. */
    private boolean publishing;

    private final Registration ackSubscription;
    private final Registration connectListener;

    @Activate
    public ActionOutbox(@Reference BrokerLink mainLink, MqttConfig config, ComponentContext componentContext)
            throws IOException {
        this(mainLink, MqttOptions.from(config), componentContext);
    }

    /**
     * Loads the actions left pending by an earlier run and starts publishing them, oldest first, on a connection
     * of its own made by {@code mainLink}; its counters are the main link's.
     */
    public ActionOutbox(BrokerLink mainLink, MqttOptions options) throws IOException {
        this(mainLink, options, null);
    }

    private ActionOutbox(BrokerLink mainLink, MqttOptions options, ComponentContext componentContext)
            throws IOException {
        this.componentContext = componentContext;
        this.topics = mainLink.topics();
        this.counters = mainLink.counterSet();
        this.directory = options.outboxDir();
        this.deadLetters = directory.resolve(DEAD_LETTERS);
        this.capacity = options.outboxCapacity();
        this.ackTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.ackTimeoutMs());
        this.maxDeliveryAttempts = options.maxDeliveryAttempts();
        Files.createDirectories(directory);
        journal = new OutboxJournal(directory.resolve(JOURNAL));
        try {
            load();
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cogos-mqtt-outbox");
            thread.setDaemon(true);
            return thread;
        });
        link = mainLink.companion(CONNECTION_ROLE);
        // Sessions of versions before the companion took the acks on the main connection.
        mainLink.release(topics.acksFilter());
        ackSubscription = link.subscribe(topics.acksFilter(), 1, this::ackArrived);
        connectListener = link.onConnected(() -> executeQuietly(this::republishAll));
        executor.execute(this::republishAll);
        executor.scheduleWithFixedDelay(this::checkTimeouts, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::compactIfDue, COMPACTION_CHECK_MS, COMPACTION_CHECK_MS,
                TimeUnit.MILLISECONDS);
        LOG.info("outbox {} started with {} pending actions", directory, pending.size());
    }

    /**
     * Bound by reference; the listener itself is got when the first ack reaches it. Getting it at bind time
     * activated the coordinator while this outbox was activating, and the coordinator takes this outbox as its
     * ActionSink: a cycle SCR logged as an error at every start.
     */
    @Reference(name = ACK_LISTENER, service = ActionAckListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeAckListenerReference")
    void addAckListenerReference(ServiceReference<ActionAckListener> reference) {
        ackListeners.put(reference, () -> componentContext.locateService(ACK_LISTENER, reference));
    }

    void removeAckListenerReference(ServiceReference<ActionAckListener> reference) {
        ackListeners.remove(reference);
    }

    /** Outside OSGi (tests). */
    public void addAckListener(ActionAckListener listener) {
        ackListeners.put(listener, () -> listener);
    }

    /**
     * Stores the action and queues it for publication.
     *
     * @throws IllegalStateException    when {@code outboxCapacity} actions are pending (twice that for a stop) or
     *                                  the outbox is closed
     * @throws IllegalArgumentException when an action with the same id is already pending, or the id contains a
     *                                  line break (the journal is line based)
     */
    @Override
    public void send(Action action) {
        Objects.requireNonNull(action, "action");
        if (action.actionId().indexOf('\n') >= 0) {
            throw new IllegalArgumentException("action id must not contain a line break: " + action.actionId());
        }
        byte[] json = Json.encodeAction(action);
        byte[] record = OutboxJournal.added(json);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the action outbox is closed");
            }
            if (byActionId.containsKey(action.actionId())) {
                throw new IllegalArgumentException("action " + action.actionId() + " is already pending");
            }
            // A stop has a reserve of as many places again: robots slow to ack, or a backlog of motions, must not
            // keep a stop from being sent (docs/actions.md, "Stop is sovereign"). Stops are few (the coordinator
            // sends an obstacle stop again only when another decision came between), so the reserve is not a way
            // around the bound; it is a bound too.
            int limit = STOP.equals(action.type()) ? 2 * capacity : capacity;
            if (pending.size() >= limit) {
                counters.increment(MqttCounter.OUTBOX_REFUSED_FULL);
                throw new IllegalStateException("the action outbox is full: " + pending.size()
                        + " actions wait for acks (outboxCapacity " + capacity + (limit > capacity
                                ? ", and as many again for stops" : "") + ")");
            }
            try {
                journal.append(record);
            } catch (IOException e) {
                journalFailed(e);
                counters.increment(MqttCounter.OUTBOX_UNJOURNALED);
            }
            Entry entry = new Entry(nextSequence++, action, json);
            add(entry);
            entry.queued = true;
            toPublish.addLast(entry);
        }
        counters.increment(MqttCounter.OUTBOX_SENT);
        // Published on the caller's thread: a hand-off to the outbox thread cost a thread wake-up per action on
        // the decision path (bench/README.md). If another thread is publishing, it takes this one too.
        drain();
    }

    /** @return ids of the actions waiting for an ack, oldest first */
    public List<String> pendingActionIds() {
        synchronized (lock) {
            return pending.values().stream().map(entry -> entry.action.actionId()).toList();
        }
    }

    @Deactivate
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        ackSubscription.close();
        connectListener.close();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Its session stays with the broker: acks arriving until the next start wait there.
        link.close();
        synchronized (lock) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("cannot close outbox journal in {}", directory, e);
            }
            counters.add(MqttCounter.OUTBOX_PENDING, -pending.size());
            LOG.info("outbox {} stopped with {} pending actions", directory, pending.size());
        }
    }

    /**
     * Replays the journal, then compacts: the journal afterwards holds exactly the pending actions, and a torn last
     * record can no longer swallow the next append.
     */
    private void load() throws IOException {
        OutboxJournal.Replay replay = journal.replay();
        if (replay.skippedLines() > 0) {
            counters.add(MqttCounter.OUTBOX_CORRUPT, replay.skippedLines());
        }
        for (OutboxJournal.Stored stored : replay.pending()) {
            add(new Entry(nextSequence++, stored.action(), stored.json()));
        }
        compact();
    }

    /**
     * Compaction on the outbox's thread once finished actions take too much of the journal, or while it misses
     * records after a failed write: the compaction writes every pending action, so it makes the journal whole.
     */
    private void compactIfDue() {
        long failures;
        synchronized (lock) {
            failures = journalFailures;
            if (closed || (failures == journalFailuresRepaired
                    && journal.records() - pending.size() < COMPACT_FINISHED_RECORDS
                    && journal.bytes() - pendingJournalBytes < COMPACT_FINISHED_BYTES)) {
                return;
            }
        }
        try {
            compact();
        } catch (IOException e) {
            synchronized (lock) {
                journalFailed(e);
            }
            return;
        }
        synchronized (lock) {
            if (failures != journalFailuresRepaired) {
                LOG.info("outbox journal in {} rewritten after {} failed writes: {} pending actions kept", directory,
                        failures - journalFailuresRepaired, pending.size());
                // Failures after the snapshot began are repaired by the next round.
                journalFailuresRepaired = failures;
            }
        }
    }

    /**
     * Rewrites the journal as the pending actions only. Only the snapshot and the final rename hold the lock: the
     * snapshot file is written and fsynced without it, so {@code send} never waits for a disk flush (it did, up to
     * 180 ms every 5 s at 1,000 actions/s: bench/README.md). Records appended meanwhile
     * are carried over, so none is lost.
     */
    void compact() throws IOException {
        synchronized (compaction) {
            List<byte[]> snapshot;
            synchronized (lock) {
                snapshot = pending.values().stream().map(entry -> entry.json).toList();
                journal.beginCompaction();
            }
            long written;
            try {
                written = journal.writeSnapshot(snapshot);
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    journal.abortCompaction();
                }
                throw e;
            }
            synchronized (lock) {
                journal.finishCompaction(snapshot.size(), written);
            }
        }
    }

    private void add(Entry entry) {
        pending.put(entry.sequence, entry);
        byActionId.put(entry.action.actionId(), entry);
        pendingJournalBytes += OutboxJournal.addedLength(entry.json);
        counters.increment(MqttCounter.OUTBOX_PENDING);
    }

    private void remove(Entry entry) {
        pending.remove(entry.sequence);
        byActionId.remove(entry.action.actionId());
        pendingJournalBytes -= OutboxJournal.addedLength(entry.json);
        entry.removed = true;
        counters.add(MqttCounter.OUTBOX_PENDING, -1);
    }

    /**
     * Removes the entry and records that in the journal.
     *
     * @return false when the journal could not be written: the action is sent again after a restart
     */
    private boolean finish(Entry entry) {
        remove(entry);
        try {
            journal.append(OutboxJournal.removed(entry.action.actionId()));
            return true;
        } catch (IOException e) {
            journalFailed(e);
            return false;
        }
    }

    /** Under lock. */
    private void journalFailed(IOException e) {
        journalFailures++;
        journalFailureLog.warn(LOG, "cannot write the outbox journal in " + directory + " (" + e
                + "); actions are still delivered, but those accepted meanwhile are lost if cogos stops before "
                + "the journal is rewritten (tried every " + COMPACTION_CHECK_MS + " ms)");
    }

    /** After a (re)connection or a start: everything pending goes out again, oldest first. */
    private void republishAll() {
        synchronized (lock) {
            toPublish.clear();
            for (Entry entry : pending.values()) {
                entry.queued = true;
                toPublish.addLast(entry);
            }
        }
        drain();
    }

    /**
     * Publishes queued entries in order until the queue is empty, the window is full or the link is down. Any
     * thread may call it; one publishes at a time ({@link #publishing}), so publications keep the queue's order,
     * and one that finds another publishing leaves its entries to that one. Never blocks on the network: Paho's
     * publish only queues the packet for its sender thread.
     */
    private void drain() {
        synchronized (lock) {
            if (publishing) {
                return;
            }
            publishing = true;
        }
        while (true) {
            Entry entry;
            synchronized (lock) {
                entry = toPublish.peekFirst();
                if (entry == null) {
                    publishing = false; // in the same critical section as the check: no entry is left behind
                    return;
                }
                if (entry.removed) {
                    toPublish.removeFirst();
                    continue;
                }
            }
            PublishResult result;
            try {
                result = link.publish(topics.actions(entry.action.robotId()), entry.json, 1, false);
            } catch (RuntimeException e) {
                // Counted as a failed attempt below; escaping, it would leave publishing set and stop the outbox.
                LOG.warn("publishing action {} failed", entry.action.actionId(), e);
                result = PublishResult.FAILED;
            }
            if (result == PublishResult.WINDOW_FULL || result == PublishResult.NOT_CONNECTED) {
                synchronized (lock) {
                    publishing = false;
                }
                if (result == PublishResult.WINDOW_FULL) {
                    scheduleQuietly(this::drain, WINDOW_RETRY_MS);
                }
                return; // when not connected, the next connection republishes everything
            }
            // SENT, or FAILED: a refused publication counts as an attempt, so it ends in the dead letters, not in
            // a loop.
            synchronized (lock) {
                // republishAll may have refilled the queue meanwhile; then the entry goes out again in its turn.
                if (toPublish.peekFirst() == entry) {
                    toPublish.removeFirst();
                    entry.queued = false;
                }
                entry.attempts++;
                entry.publishedNanos = System.nanoTime();
            }
            if (entry.attempts > 1) {
                counters.increment(MqttCounter.OUTBOX_REDELIVERED);
            }
            counters.increment(MqttCounter.OUTBOX_PUBLISHED);
        }
    }

    private void checkTimeouts() {
        if (!link.isConnected()) {
            return; // nothing can be delivered now; the reconnection republishes everything
        }
        long now = System.nanoTime();
        List<Entry> dead = new ArrayList<>();
        boolean queued = false;
        synchronized (lock) {
            for (Entry entry : pending.values()) {
                if (entry.queued || entry.attempts == 0 || now - entry.publishedNanos < ackTimeoutNanos) {
                    continue;
                }
                if (entry.attempts >= maxDeliveryAttempts) {
                    dead.add(entry); // stays pending until it is in the dead letters; only this thread removes
                } else {
                    entry.queued = true;
                    toPublish.addLast(entry);
                    queued = true;
                }
            }
        }
        for (Entry entry : dead) {
            deadLetter(entry);
        }
        if (queued) {
            drain();
        }
    }

    /** Appends the action to the dead letters first, so a crash in between sends it again rather than losing it. */
    private void deadLetter(Entry entry) {
        counters.increment(MqttCounter.OUTBOX_DEAD);
        byte[] line = Arrays.copyOf(entry.json, entry.json.length + 1);
        line[entry.json.length] = '\n';
        boolean stored = true;
        try {
            Files.write(deadLetters, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            stored = false;
            LOG.error("cannot append dead action {} to {}; it will be sent again after a restart",
                    entry.action.actionId(), deadLetters, e);
        }
        synchronized (lock) {
            if (stored) {
                finish(entry);
            } else {
                remove(entry);
            }
        }
        LOG.warn("action {} ({} for {}) got no ack after {} publications; dead-lettered to {}",
                entry.action.actionId(), entry.action.type(), entry.action.robotId(), entry.attempts, deadLetters);
    }

    private void ackArrived(String topic, MqttMessage message) {
        MqttTopics.RobotTopic parts = topics.parse(topic);
        byte[] payload = message.getPayload();
        executeQuietly(() -> acknowledge(parts == null ? null : parts.robot(), payload));
    }

    private void acknowledge(String robot, byte[] payload) {
        Optional<Json.WireAck> wire = Json.decodeAck(payload);
        if (wire.isEmpty()) {
            long count = counters.increment(MqttCounter.OUTBOX_ACK_MALFORMED);
            if (malformedAckLog.occurred()) {
                LOG.warn("malformed ack from robot {} ({} so far): expected {\"action_id\":...,\"status\":"
                        + "\"done|failed|rejected\"}", robot, count);
            }
            return;
        }
        String actionId = wire.get().actionId();
        Entry entry;
        synchronized (lock) {
            entry = byActionId.get(actionId);
            if (entry == null || !entry.action.robotId().equals(robot)) {
                entry = null;
            } else {
                finish(entry);
            }
        }
        if (entry == null) {
            // Normal with at-least-once: the ack of a duplicate, or of an action acked before a restart.
            counters.increment(MqttCounter.OUTBOX_ACK_UNKNOWN);
            LOG.debug("ack for unknown action {} from {}", actionId, robot);
            return;
        }
        counters.increment(MqttCounter.OUTBOX_ACKED);
        String detail = wire.get().detail();
        ActionAck ack = new ActionAck(entry.action, wire.get().status(), detail == null ? "" : detail,
                entry.attempts, System.currentTimeMillis());
        for (Supplier<ActionAckListener> bound : ackListeners.values()) {
            // Null when it went away since it was bound.
            ActionAckListener listener = bound.get();
            if (listener == null) {
                continue;
            }
            try {
                listener.actionAcknowledged(ack);
            } catch (RuntimeException e) {
                LOG.warn("ack listener {} failed", listener, e);
            }
        }
    }

    private void executeQuietly(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("outbox closed; task dropped");
        }
    }

    private void scheduleQuietly(Runnable task, long delayMs) {
        try {
            executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("outbox closed; task dropped");
        }
    }

    /** A pending action. Fields other than the finals are guarded by the outbox lock. */
    private static final class Entry {
        final long sequence;
        final Action action;
        final byte[] json;
        int attempts;
        long publishedNanos;
        boolean queued;
        boolean removed;

        Entry(long sequence, Action action, byte[] json) {
            this.sequence = sequence;
            this.action = action;
            this.json = json;
        }
    }
}
