package org.cogos.runtime.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

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
 * Routes percepts to the module serving their modality, one lane per group of robots.
 *
 * <p>Swaps lose nothing: while no module serves a modality its percepts are held in their lane, in order, and
 * handed to the next module that registers for it before any later percept. A departing module is first taken
 * out of routing, then its calls in flight are waited for, and only then may it deactivate.
 */
@Component(service = { PerceptRouter.class, RoutingState.class }, configurationPid = "org.cogos.runtime")
@Designate(ocd = RouterConfig.class)
public final class PerceptRouterImpl implements PerceptRouter, RoutingState {

    static final String ROUTER = "router";

    private static final Logger LOG = LoggerFactory.getLogger(PerceptRouterImpl.class);
    private static final Comparator<ModuleHandle> BY_RANKING = Comparator
            .comparingInt((ModuleHandle h) -> -h.ranking).thenComparingLong(h -> h.serviceId);

    private final Map<String, List<ModuleHandle>> byModality = new ConcurrentHashMap<>();
    private final Map<CognitiveModule, ModuleHandle> byService = new ConcurrentHashMap<>();
    private final Map<String, ModuleMetrics> metrics = new ConcurrentHashMap<>();
    /** Modalities with percepts on hold, so the event log says so once per episode, not once per percept. */
    private final Map<String, Boolean> holding = new ConcurrentHashMap<>();
    private final List<ObservationSink> observationSinks = new CopyOnWriteArrayList<>();
    private final List<PerceptErrorSink> errorSinks = new CopyOnWriteArrayList<>();

    /**
     * Injected through the constructor: DS binds constructor references before any bind method, and bindModule
     * logs. (A field reference named {@code events} was bound after {@code Module}, which sorts first.)
     */
    private final ModuleEventLog events;

    private volatile RouterOptions options = RouterOptions.DEFAULTS;
    private volatile Lane[] lanes;

    @Activate
    public PerceptRouterImpl(@Reference ModuleEventLog events, RouterConfig config) {
        this(events, RouterOptions.from(config));
    }

    /** Also for use outside OSGi (tests, benchmarks). */
    PerceptRouterImpl(ModuleEventLog events, RouterOptions options) {
        this.events = events;
        start(options);
    }

    private void start(RouterOptions opts) {
        options = opts;
        Lane[] created = new Lane[opts.lanes()];
        for (int i = 0; i < created.length; i++) {
            created[i] = new Lane(i, opts.laneQueueCapacity());
        }
        lanes = created;
        events.log("cogos", EventLevel.INFO, "router started with " + created.length + " lanes");
    }

    /** Lane count and queue capacity are read at activation only: changing lanes live would break order. */
    @Modified
    void modified(RouterConfig config) {
        RouterOptions next = RouterOptions.from(config);
        RouterOptions current = options;
        options = new RouterOptions(current.lanes(), current.laneQueueCapacity(), next.heldCapacity(),
                next.drainTimeoutMs(), next.quarantineAfterFaults());
        if (next.lanes() != current.lanes() || next.laneQueueCapacity() != current.laneQueueCapacity()) {
            events.log("cogos", EventLevel.WARN, "router lanes/laneQueueCapacity change takes effect at the next restart");
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        Lane[] stopping = lanes;
        lanes = null;
        long left = 0;
        for (Lane lane : stopping) {
            if (!lane.shutdown(options.drainTimeoutMs())) {
                // Its thread still owns its held percepts; reading them from here would race with it.
                events.log("cogos", EventLevel.ERROR, "a router lane did not finish within " + options.drainTimeoutMs()
                        + " ms; its held percepts cannot be reported");
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
        Lane[] current = lanes;
        if (current == null) {
            throw new IllegalStateException("router is not running");
        }
        Lane lane = current[Math.floorMod(percept.robotId().hashCode(), current.length)];
        try {
            lane.execute(() -> route(lane, percept));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("router lane full (" + options.laneQueueCapacity() + " percepts)");
        }
    }

    private void route(Lane lane, Percept percept) {
        ArrayDeque<Percept> held = lane.held(percept.modality());
        if ((!held.isEmpty() && !handOver(held)) || !deliver(percept)) {
            hold(held, percept);
        }
    }

    /** @return true when every held percept was delivered */
    private boolean handOver(ArrayDeque<Percept> held) {
        while (!held.isEmpty()) {
            if (!deliver(held.peekFirst())) {
                return false;
            }
            held.pollFirst();
        }
        return true;
    }

    private void hold(ArrayDeque<Percept> held, Percept percept) {
        if (held.size() >= options.heldCapacity()) {
            // Refuse the newest rather than evict the oldest: what is held keeps its order and is handed over
            // intact, and the robot learns at once, on its error topic, which percept was not taken.
            reportError(percept, ROUTER, "held_overflow", "no module serves modality " + percept.modality()
                    + " and " + held.size() + " percepts are already held");
            return;
        }
        held.addLast(percept);
        if (holding.putIfAbsent(percept.modality(), Boolean.TRUE) == null) {
            events.log(ROUTER, EventLevel.INFO, "holding " + percept.modality() + " percepts: no module serves it");
        }
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
            handle.metrics.errors.increment();
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
        handle.metrics.errors.increment();
        reportError(percept, handle.name, "module_fault", what);
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
                (Long) ref.getProperty(Constants.SERVICE_ID));
    }

    /** The binding itself, apart from how the service's identity was read. */
    void addModule(CognitiveModule module, String name, String modality, long bundleId, int ranking,
            long serviceId) {
        ModuleHandle handle = new ModuleHandle(name, modality, bundleId, ranking, serviceId, module,
                metrics.computeIfAbsent(name, n -> new ModuleMetrics()));
        byService.put(module, handle);
        byModality.compute(modality, (m, list) -> {
            List<ModuleHandle> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            next.add(handle);
            next.sort(BY_RANKING);
            return List.copyOf(next);
        });
        events.log(name, EventLevel.INFO, "serving modality " + modality + " (bundle " + bundleId + ")");
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

    /** Ask every lane to hand its held percepts of the modality to the module now serving it. */
    private void scheduleHandOver(String modality) {
        Lane[] current = lanes;
        if (current == null) {
            return;
        }
        for (Lane lane : current) {
            try {
                lane.execute(() -> {
                    ArrayDeque<Percept> held = lane.held(modality);
                    int count = held.size();
                    if (count > 0 && handOver(held)) {
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
}
