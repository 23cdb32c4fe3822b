package org.cogos.coordinator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cogos.api.Action;
import org.cogos.api.ActionAck;
import org.cogos.api.ActionAckListener;
import org.cogos.api.ActionSink;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Observation;
import org.cogos.api.ObservationSink;
import org.cogos.api.admin.DecidedScene;
import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.SceneMonitor;
import org.cogos.api.admin.ModuleEventLog;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code coordinator} module. Its references are dynamic: every decision engine is bound and asked in rank
 * order (the best-ranked decides, the next when it fails), the highest-ranked action sink is used, and each can
 * come, go or be replaced while observations flow, without restarting the coordinator.
 */
@Component(service = {ObservationSink.class, SceneMonitor.class, ActionAckListener.class},
        configurationPid = CoordinatorConfig.PID)
@Designate(ocd = CoordinatorConfig.class)
public class CoordinatorComponent implements ObservationSink, SceneMonitor, ActionAckListener {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorComponent.class);
    private static final String MODULE = "coordinator";

    /** Best-ranked first (service.ranking, then the older service), as the framework orders services. */
    private static final Comparator<RankedEngine> BY_RANK = Comparator
            .comparingInt((RankedEngine e) -> -e.ranking).thenComparingLong(e -> e.serviceId);

    private List<RankedEngine> ranked = List.of(); // guarded by this
    /** The engines of {@link #ranked}, replaced whole on every (un)bind: a scene reads one list without a lock. */
    private volatile List<BoundEngine> engines = List.of();

    // Package-private so that tests can inject them as SCR does.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ActionSink actionSink;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ModuleEventLog eventLog;

    private volatile SceneCoordinator coordinator;

    @Activate
    void activate(CoordinatorConfig config) {
        coordinator = new SceneCoordinator(CoordinatorOptions.from(config), () -> engines, () -> actionSink,
                this::event, System::nanoTime);
        LOG.info("coordinator active: {}", coordinator.options());
    }

    /** A rejected change keeps the coordinator running on its previous parameters. */
    @Modified
    void modified(CoordinatorConfig config) {
        try {
            coordinator.update(CoordinatorOptions.from(config));
            LOG.info("coordinator parameters updated: {}", coordinator.options());
        } catch (IllegalArgumentException e) {
            LOG.error("coordinator keeps {}: {}", coordinator.options(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        coordinator.close();
        LOG.info("coordinator stopped: {}", coordinator.stats());
    }

    CoordinatorStats stats() {
        return coordinator.stats();
    }

    @Reference(name = "engine", service = DecisionEngine.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindEngine")
    synchronized void bindEngine(DecisionEngine service, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object serviceId = properties.get(Constants.SERVICE_ID);
        RankedEngine engine = new RankedEngine(
                new BoundEngine(service, String.valueOf(properties.get(DecisionEngine.ENGINE))),
                ranking instanceof Integer r ? r : 0, serviceId instanceof Long id ? id : Long.MAX_VALUE);
        List<RankedEngine> next = new ArrayList<>(ranked);
        next.add(engine);
        publish(next);
        LOG.info("decision engine '{}' bound; engines in rank order: {}", engine.bound.name(), names());
    }

    synchronized void unbindEngine(DecisionEngine service) {
        List<RankedEngine> next = new ArrayList<>(ranked);
        if (next.removeIf(e -> e.bound.engine() == service)) {
            publish(next);
            LOG.info("decision engine unbound; engines in rank order: {}", next.isEmpty()
                    ? "none, scenes are skipped until one is bound" : names());
        }
    }

    private void publish(List<RankedEngine> next) {
        next.sort(BY_RANK);
        ranked = List.copyOf(next);
        engines = next.stream().map(e -> e.bound).toList();
    }

    private List<String> names() {
        return engines.stream().map(BoundEngine::name).toList();
    }

    private record RankedEngine(BoundEngine bound, int ranking, long serviceId) {
    }

    private void event(String line) {
        ModuleEventLog log = eventLog;
        if (log != null) {
            log.log(MODULE, EventLevel.WARN, line);
        }
    }

    @Override
    public void accept(Observation observation) {
        coordinator.accept(observation);
    }

    /** Robots' acks, from the outbox: the end of a commanded motion (docs/rules.md "Commands come first"). */
    @Override
    public void actionAcknowledged(ActionAck ack) {
        coordinator.acknowledged(ack.action().robotId(), ack.action().actionId());
    }

    @Override
    public Optional<DecidedScene> latest(String robotId) {
        return Optional.ofNullable(coordinator.latest(robotId));
    }

    @Override
    public Optional<Action> action(String actionId) {
        return Optional.ofNullable(coordinator.action(actionId));
    }

    @Override
    public List<Action> recentActions(String robotId, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0: " + max);
        }
        return coordinator.recentActions(robotId, max);
    }
}
