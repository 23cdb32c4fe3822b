package org.cogos.runtime.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.cogos.api.CognitiveModule;
import org.cogos.api.Names;
import org.cogos.api.Observation;
import org.cogos.api.ObservationSink;
import org.cogos.api.Percept;
import org.cogos.api.PerceptError;
import org.cogos.api.PerceptErrorSink;
import org.cogos.api.PerceptException;
import org.cogos.api.PerceptRouter;
import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.ModuleEventLog;
import org.cogos.api.admin.ModalityQueue;
import org.cogos.api.admin.UnservedModality;
import org.cogos.util.log.LogThrottle;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes percepts to the module serving their modality. Each modality has its own lanes, created on first use;
 * a robot maps to one lane of each modality, so a slow modality delays no other, of that robot or of any other.
 *
 * <p>Swaps lose nothing: while no module serves a modality its percepts are held in their lane, in order, and
 * handed to the next module that registers for it before any later percept. A departing module is first taken
 * out of routing, then its calls in flight are waited for, and only then may it deactivate. A modality no module
 * has served since the router started is held for {@code heldGraceMs} only, then refused ({@code no_module}).
 */
@Component(service = { PerceptRouter.class, RoutingState.class }, configurationPid = "org.cogos.runtime")
@Designate(ocd = RouterConfig.class)
public final class PerceptRouterImpl implements PerceptRouter, RoutingState {

    static final String ROUTER = "router";
    static final String NO_MODULE = "no_module";
    /** A module threw something other than a PerceptException, or returned nothing. */
    static final String MODULE_FAULT = "module_fault";

    private static final Logger LOG = LoggerFactory.getLogger(PerceptRouterImpl.class);
    private static final Comparator<ModuleHandle> BY_RANKING = Comparator
            .comparingInt((ModuleHandle h) -> -h.ranking).thenComparingLong(h -> h.serviceId);

    /** A modality seen but never served since the router started. */
    private static final class Unserved {
        final LongAdder held = new LongAdder();
        final LongAdder refused = new LongAdder();
        /** Set once its grace time is over: its percepts are refused until a module registers. */
        volatile boolean refusing;
    }

    private final Map<String, List<ModuleHandle>> byModality = new ConcurrentHashMap<>();
    private final Map<CognitiveModule, ModuleHandle> byService = new ConcurrentHashMap<>();
    private final Map<String, ModuleMetrics> metrics = new ConcurrentHashMap<>();
    /** Modalities with percepts on hold, so the event log says so once per episode, not once per percept. */
    private final Map<String, Boolean> holding = new ConcurrentHashMap<>();
    /** Modalities a module has served since the router started: theirs are held without a time limit. */
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final Map<String, Unserved> unserved = new ConcurrentHashMap<>();
    /** The backlog of the module serving a modality, or that last served it (a swap keeps superseding). */
    private final Map<String, Lane.Backlog> backlogs = new ConcurrentHashMap<>();
    /** Written under its own monitor, with {@link #running}, so no lane is created once the router stops. */
    private final Map<String, Lane[]> lanes = new ConcurrentHashMap<>();
    private final LogThrottle beyondMaxModalities = new LogThrottle();
    private final List<ObservationSink> observationSinks = new CopyOnWriteArrayList<>();
    private final List<PerceptErrorSink> errorSinks = new CopyOnWriteArrayList<>();

    /**
     * Injected through the constructor: DS binds constructor references before any bind method, and bindModule
     * logs. (A field reference named {@code events} was bound after {@code Module}, which sorts first.)
     */
    private final ModuleEventLog events;

    private volatile RouterOptions options;
    private volatile boolean running;
    private final ScheduledThreadPoolExecutor graceTimer;

    @Activate
    public PerceptRouterImpl(@Reference ModuleEventLog events, RouterConfig config) {
        this(events, RouterOptions.from(config));
    }

    /** Also for use outside OSGi (tests, benchmarks). */
    PerceptRouterImpl(ModuleEventLog events, RouterOptions options) {
        this.events = events;
        this.options = options;
        graceTimer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cogos-router-grace");
            t.setDaemon(true);
            return t;
        });
        running = true;
        events.log("cogos", EventLevel.INFO, "router started with " + options.lanes() + " lanes per modality");
    }

    /** Lane count and queue capacity are read at activation only: changing lanes live would break order. */
    @Modified
    void modified(RouterConfig config) {
        RouterOptions next = RouterOptions.from(config);
        RouterOptions current = options;
        options = new RouterOptions(current.lanes(), current.laneQueueCapacity(), next.heldCapacity(),
                next.drainTimeoutMs(), next.quarantineAfterFaults(), next.heldGraceMs(), next.maxModalities(),
                next.modalityQueueMiB());
        if (next.lanes() != current.lanes() || next.laneQueueCapacity() != current.laneQueueCapacity()) {
            events.log("cogos", EventLevel.WARN, "router lanes/laneQueueCapacity change takes effect at the next restart");
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        List<Lane> stopping = new ArrayList<>();
        synchronized (lanes) {
            running = false;
            lanes.values().forEach(its -> stopping.addAll(List.of(its)));
        }
        graceTimer.shutdownNow();
        stopping.forEach(Lane::stop);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.drainTimeoutMs());
        long left = 0;
        for (Lane lane : stopping) {
            if (!lane.awaitStopped(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
                // Its thread still owns its held percepts; reading them from here would race with it.
                events.log("cogos", EventLevel.ERROR, "a router lane of " + lane.modality + " did not finish within "
                        + options.drainTimeoutMs() + " ms; its held percepts cannot be reported");
                continue;
            }
            // Terminated, so its held percepts can be read from here. They are reported, not dropped
            // silently: the robot sees them on its error topic.
            for (Percept p : lane.allHeld()) {
                reportError(p, ROUTER, "router_stopped", "router stopped while the percept was held");
                left++;
            }
        }
        events.log("cogos", left == 0 ? EventLevel.INFO : EventLevel.WARN, "router stopped; " + left + " held percepts reported");
    }

    @Override
    public void submit(Percept percept) {
        if (!running) {
            throw new IllegalStateException("router is not running");
        }
        Lane[] its = lanesOf(percept.modality());
        if (its == null) {
            if (beyondMaxModalities.occurred()) {
                events.log(ROUTER, EventLevel.WARN, beyondMaxModalities.count() + " percepts refused (" + NO_MODULE
                        + ") so far: their modality, " + percept.modality() + " the last, is served by no module and "
                        + options.maxModalities() + " modalities have lanes (maxModalities)");
            }
            reportError(percept, ROUTER, NO_MODULE, "no module serves modality " + percept.modality());
            return;
        }
        Lane lane = its[Math.floorMod(percept.robotId().hashCode(), its.length)];
        Lane.Entry entry = new Lane.Entry(percept, backlogs.get(percept.modality()));
        long budget = options.modalityQueueMiB() << 20;
        if (!lane.reserve(entry, budget)) {
            throw new IllegalStateException("router lanes of " + percept.modality() + " hold "
                    + (lane.modalityBytes() >> 20) + " MiB of percepts waiting (modalityQueueMiB "
                    + options.modalityQueueMiB() + ")");
        }
        countSuperseded(lane.track(entry));
        try {
            lane.execute(() -> route(lane, entry));
        } catch (RejectedExecutionException e) {
            lane.done(entry);
            throw new IllegalStateException(running ? "router lane full (" + options.laneQueueCapacity() + " percepts)"
                    : "router is not running");
        }
    }

    /** The modality's lanes, created on first use; null when it would exceed maxModalities and has no module. */
    private Lane[] lanesOf(String modality) {
        Lane[] its = lanes.get(modality);
        if (its != null) {
            return its;
        }
        synchronized (lanes) {
            if (!running) {
                throw new IllegalStateException("router is not running");
            }
            its = lanes.get(modality);
            if (its == null) {
                RouterOptions opts = options;
                if (lanes.size() >= opts.maxModalities() && !served.contains(modality)) {
                    return null;
                }
                its = new Lane[opts.lanes()];
                // Payload bytes waiting in the modality, shared by its lanes (made once: lanes are never removed).
                AtomicLong bytes = new AtomicLong();
                for (int i = 0; i < its.length; i++) {
                    its[i] = new Lane(modality, i, opts.laneQueueCapacity(), bytes);
                }
                lanes.put(modality, its);
                events.log(ROUTER, EventLevel.INFO, its.length + " lanes for modality " + modality);
            }
            return its;
        }
    }

    private void countSuperseded(Lane.Entry superseded) {
        if (superseded != null) {
            metrics.computeIfAbsent(superseded.backlog.module(), n -> new ModuleMetrics()).superseded.increment();
        }
    }

    private void route(Lane lane, Lane.Entry entry) {
        if (!lane.take(entry)) {
            return; // superseded while it was queued
        }
        if ((lane.held().isEmpty() || handOver(lane)) && deliver(entry.percept())) {
            lane.done(entry);
        } else {
            hold(lane, entry);
        }
    }

    /** @return true when every held percept was delivered (or superseded) */
    private boolean handOver(Lane lane) {
        ArrayDeque<Lane.Entry> held = lane.held();
        while (!held.isEmpty()) {
            Lane.Entry next = held.peekFirst();
            if (lane.take(next)) {
                if (!deliver(next.percept())) {
                    // Superseded now or not, it stays at the head: the next hand-over skips it if it was.
                    countSuperseded(lane.waitAgain(next));
                    return false;
                }
                lane.done(next);
            }
            held.pollFirst();
        }
        return true;
    }

    /** A taken entry that no module took. */
    private void hold(Lane lane, Lane.Entry entry) {
        String modality = lane.modality;
        Unserved never = served.contains(modality) ? null : unserved.computeIfAbsent(modality, this::graceStarts);
        if (never != null && never.refusing) {
            refuseHeld(lane, never);
            refuseUnserved(lane, entry, never);
            return;
        }
        ArrayDeque<Lane.Entry> held = lane.held();
        if (held.size() >= options.heldCapacity()) {
            held.removeIf(Lane.Entry::superseded);
        }
        if (held.size() >= options.heldCapacity()) {
            // Refuse the newest rather than evict the oldest: what is held keeps its order and is handed over
            // intact, and the robot learns at once, on its error topic, which percept was not taken.
            reportError(entry.percept(), ROUTER, "held_overflow", "no module serves modality " + modality
                    + " and " + held.size() + " percepts are already held");
            lane.done(entry);
            return;
        }
        // Waiting again, it may be superseded from now on: its percept is read no more here.
        Lane.Entry superseded = lane.waitAgain(entry);
        countSuperseded(superseded);
        if (superseded == entry) {
            return;
        }
        held.addLast(entry);
        if (never != null) {
            never.held.increment();
        }
        if (holding.putIfAbsent(modality, Boolean.TRUE) == null) {
            events.log(ROUTER, EventLevel.INFO, "holding " + modality + " percepts: no module serves it"
                    + (never == null ? "" : " yet (none has since the router started; refused after "
                            + options.heldGraceMs() + " ms)"));
        }
    }

    /** A modality seen for the first time with no module: its grace time starts. */
    private Unserved graceStarts(String modality) {
        Unserved fresh = new Unserved();
        try {
            graceTimer.schedule(() -> graceOver(modality, fresh), options.heldGraceMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("router stopping: no grace timer for {}; its held percepts are reported at stop", modality);
        }
        return fresh;
    }

    private void graceOver(String modality, Unserved ended) {
        if (served.contains(modality)) {
            unserved.remove(modality, ended);
            return;
        }
        ended.refusing = true;
        events.log(ROUTER, EventLevel.WARN, "no module has registered for modality " + modality + " within "
                + options.heldGraceMs() + " ms: its percepts are refused (" + NO_MODULE + ") until one does");
        for (Lane lane : lanes.getOrDefault(modality, new Lane[0])) {
            try {
                lane.execute(() -> {
                    if (!served.contains(modality)) {
                        refuseHeld(lane, ended);
                    }
                });
            } catch (RejectedExecutionException e) {
                // Full or stopping: its next percept refuses the held ones first, or the stop reports them.
                LOG.debug("refusal of held {} percepts not queued on a full lane", modality);
            }
        }
    }

    private void refuseHeld(Lane lane, Unserved never) {
        for (Lane.Entry held = lane.held().pollFirst(); held != null; held = lane.held().pollFirst()) {
            if (lane.take(held)) {
                never.held.decrement();
                refuseUnserved(lane, held, never);
            }
        }
    }

    private void refuseUnserved(Lane lane, Lane.Entry entry, Unserved never) {
        never.refused.increment();
        reportError(entry.percept(), ROUTER, NO_MODULE, "no module has served modality " + lane.modality
                + " since the router started, and none registered within " + options.heldGraceMs() + " ms");
        lane.done(entry);
    }

    /** @return false when no usable module serves the modality, so the caller must hold the percept */
    private boolean deliver(Percept percept) {
        while (true) {
            ModuleHandle handle = current(percept.modality());
            if (handle == null) {
                return false;
            }
            if (handle.tryAcquire()) {
                try {
                    call(handle, percept);
                } finally {
                    handle.release();
                }
                return true;
            }
            // It closed between lookup and acquire; it has left the list, so the next lookup moves on.
        }
    }

    private void call(ModuleHandle handle, Percept percept) {
        long start = System.nanoTime();
        Observation observation;
        try {
            observation = handle.module.process(percept);
        } catch (PerceptException e) {
            handle.metrics.recordError(e.code());
            handle.succeeded();
            reportError(percept, handle.name, e.code(), e.getMessage());
            return;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // A module bug must not take the lane down: count it, tell the robot, and quarantine the module
            // if it keeps failing.
            fault(handle, percept, e.toString());
            return;
        }
        if (observation == null) {
            fault(handle, percept, "process returned null");
            return;
        }
        handle.metrics.recordProcessed(System.nanoTime() - start);
        handle.succeeded();
        for (ObservationSink sink : observationSinks) {
            try {
                sink.accept(observation);
            } catch (RuntimeException e) {
                LOG.warn("observation sink {} failed on {} seq {}", sink, observation.robotId(),
                        observation.perceptSequence(), e);
            }
        }
    }

    private void fault(ModuleHandle handle, Percept percept, String what) {
        handle.metrics.recordError(MODULE_FAULT);
        reportError(percept, handle.name, MODULE_FAULT, what);
        if (handle.fault(options.quarantineAfterFaults())) {
            events.log(handle.name, EventLevel.ERROR, "quarantined after " + options.quarantineAfterFaults()
                    + " consecutive faults (last: " + what + "); its percepts are held until it is reloaded");
        }
    }

    private ModuleHandle current(String modality) {
        List<ModuleHandle> candidates = byModality.get(modality);
        if (candidates != null) {
            for (ModuleHandle handle : candidates) {
                if (handle.usable()) {
                    return handle;
                }
            }
        }
        return null;
    }

    private void reportError(Percept percept, String module, String code, String detail) {
        PerceptError error = new PerceptError(percept.robotId(), percept.modality(), percept.sequence(), module,
                code, detail, System.currentTimeMillis());
        for (PerceptErrorSink sink : errorSinks) {
            try {
                sink.reject(error);
            } catch (RuntimeException e) {
                LOG.warn("error sink {} failed", sink, e);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindModule(CognitiveModule module, ServiceReference<CognitiveModule> ref) {
        String modality = String.valueOf(ref.getProperty(CognitiveModule.MODALITY));
        String name = moduleName(ref);
        if (!Names.isValid(modality) || !Names.isValid(name)) {
            events.log(String.valueOf(name), EventLevel.ERROR, "ignored: service has no valid " + CognitiveModule.MODALITY
                    + "/" + CognitiveModule.MODULE + " property (modality=" + modality + ")");
            return;
        }
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        addModule(module, name, modality, ref.getBundle().getBundleId(), ranking instanceof Integer r ? r : 0,
                (Long) ref.getProperty(Constants.SERVICE_ID), backlog(name, ref.getProperty(CognitiveModule.BACKLOG)));
    }

    /** The declared backlog, 0 (never supersede) when absent or not a positive Integer. */
    private int backlog(String module, Object declared) {
        if (declared == null) {
            return 0;
        }
        if (declared instanceof Integer size && size > 0) {
            return size;
        }
        events.log(module, EventLevel.ERROR, "ignored " + CognitiveModule.BACKLOG + "=" + declared
                + ": not an Integer of at least 1; none of its percepts will be superseded");
        return 0;
    }

    /** The binding itself, apart from how the service's identity was read. */
    void addModule(CognitiveModule module, String name, String modality, long bundleId, int ranking,
            long serviceId, int backlog) {
        ModuleHandle handle = new ModuleHandle(name, modality, bundleId, ranking, serviceId, backlog, module,
                metrics.computeIfAbsent(name, n -> new ModuleMetrics()));
        byService.put(module, handle);
        byModality.compute(modality, (m, list) -> {
            List<ModuleHandle> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            next.add(handle);
            next.sort(BY_RANKING);
            return List.copyOf(next);
        });
        events.log(name, EventLevel.INFO, "serving modality " + modality + " (bundle " + bundleId + ")"
                + (backlog == 0 ? "" : ", backlog " + backlog + " per robot"));
        served.add(modality);
        unserved.remove(modality);
        declareBacklog(modality);
        // A module serves the modality again: the holding episode is over, the next one is logged afresh.
        holding.remove(modality);
        scheduleHandOver(modality);
    }

    void unbindModule(CognitiveModule module) {
        ModuleHandle handle = byService.remove(module);
        if (handle == null) {
            return;
        }
        byModality.computeIfPresent(handle.modality, (m, list) -> {
            List<ModuleHandle> next = new ArrayList<>(list);
            next.remove(handle);
            return List.copyOf(next);
        });
        declareBacklog(handle.modality);
        try {
            int stuck = handle.closeAndDrain(options.drainTimeoutMs());
            if (stuck > 0) {
                events.log(handle.name, EventLevel.WARN, stuck + " calls still running after " + options.drainTimeoutMs()
                        + " ms; letting it go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.log(handle.name, EventLevel.INFO, "stopped serving modality " + handle.modality);
        // A lower-ranked module of the same modality may already be waiting: give it what was held meanwhile.
        scheduleHandOver(handle.modality);
    }

    /**
     * Percepts submitted from now on are superseded by the backlog of the module now serving the modality; with
     * none serving (a swap), by the last one's, so a camera swap does not pile up frames.
     */
    private void declareBacklog(String modality) {
        ModuleHandle now = current(modality);
        if (now != null) {
            if (now.backlog == 0) {
                backlogs.remove(modality);
            } else {
                backlogs.put(modality, new Lane.Backlog(now.name, now.backlog));
            }
        }
    }

    /** Ask every lane of the modality to hand its held percepts to the module now serving it. */
    private void scheduleHandOver(String modality) {
        for (Lane lane : lanes.getOrDefault(modality, new Lane[0])) {
            try {
                lane.execute(() -> {
                    ArrayDeque<Lane.Entry> held = lane.held();
                    held.removeIf(Lane.Entry::superseded);
                    int count = held.size();
                    if (count > 0 && handOver(lane)) {
                        ModuleHandle to = current(modality);
                        events.log(to == null ? ROUTER : to.name, EventLevel.INFO,
                                "handed over " + count + " held " + modality + " percepts");
                    }
                });
            } catch (RejectedExecutionException e) {
                // The lane is full or stopping; its next percept of this modality hands the held ones over.
                LOG.debug("hand-over of {} not queued on a full lane", modality);
            }
        }
    }

    private static String moduleName(ServiceReference<?> ref) {
        Object name = ref.getProperty(CognitiveModule.MODULE);
        if (name != null) {
            return name.toString();
        }
        Bundle bundle = ref.getBundle();
        String header = bundle.getHeaders().get(ModuleBundles.HEADER_MODULE);
        return header != null ? header.trim() : bundle.getSymbolicName();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindObservationSink(ObservationSink sink) {
        observationSinks.add(sink);
    }

    void unbindObservationSink(ObservationSink sink) {
        observationSinks.remove(sink);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindErrorSink(PerceptErrorSink sink) {
        errorSinks.add(sink);
    }

    void unbindErrorSink(PerceptErrorSink sink) {
        errorSinks.remove(sink);
    }

    @Override
    public List<ModuleHandle> handles() {
        List<ModuleHandle> all = new ArrayList<>();
        byModality.values().forEach(all::addAll);
        return all;
    }

    @Override
    public ModuleMetrics metrics(String module) {
        return metrics.get(module);
    }

    @Override
    public Map<String, ModuleMetrics> allMetrics() {
        return Map.copyOf(metrics);
    }

    @Override
    public List<ModalityQueue> queues() {
        RouterOptions opts = options;
        List<ModalityQueue> list = new ArrayList<>();
        lanes.forEach((modality, its) -> list.add(new ModalityQueue(modality,
                Arrays.stream(its).map(Lane::queued).toList(), opts.laneQueueCapacity(), its[0].modalityBytes(),
                opts.modalityQueueMiB() << 20)));
        list.sort(Comparator.comparing(ModalityQueue::modality));
        return list;
    }

    @Override
    public List<UnservedModality> unserved() {
        List<UnservedModality> list = new ArrayList<>();
        unserved.forEach((modality, never) -> {
            if (!served.contains(modality)) {
                list.add(new UnservedModality(modality, never.held.sum(), never.refused.sum()));
            }
        });
        list.sort(Comparator.comparing(UnservedModality::modality));
        return list;
    }
}
