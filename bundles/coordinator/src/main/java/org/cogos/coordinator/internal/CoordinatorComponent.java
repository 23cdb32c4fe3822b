package org.cogos.coordinator.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.cogos.api.Action;
import org.cogos.api.ActionSink;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Observation;
import org.cogos.api.ObservationSink;
import org.cogos.api.admin.DecidedScene;
import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.SceneMonitor;
import org.cogos.api.admin.ModuleEventLog;
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
 * The {@code coordinator} module. Its references are dynamic, optional and greedy: the highest-ranked decision
 * engine and action sink are used, and either can come, go or be replaced by a better-ranked one while
 * observations flow, without restarting the coordinator.
 */
@Component(service = {ObservationSink.class, SceneMonitor.class}, configurationPid = CoordinatorConfig.PID)
@Designate(ocd = CoordinatorConfig.class)
public class CoordinatorComponent implements ObservationSink, SceneMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorComponent.class);
    private static final String MODULE = "coordinator";

    private final AtomicReference<BoundEngine> engine = new AtomicReference<>();

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
        coordinator = new SceneCoordinator(CoordinatorOptions.from(config), engine::get, () -> actionSink,
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
        LOG.info("coordinator stopped: {}", coordinator.stats());
    }

    CoordinatorStats stats() {
        return coordinator.stats();
    }

    @Reference(name = "engine", service = DecisionEngine.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindEngine")
    void bindEngine(DecisionEngine service, Map<String, Object> properties) {
        // A greedy swap binds the newcomer before it unbinds the old engine.
        BoundEngine bound = new BoundEngine(service, String.valueOf(properties.get(DecisionEngine.ENGINE)));
        engine.set(bound);
        LOG.info("decision engine '{}' in use", bound.name());
    }

    void unbindEngine(DecisionEngine service) {
        BoundEngine current = engine.get();
        if (current != null && current.engine() == service && engine.compareAndSet(current, null)) {
            LOG.info("decision engine '{}' gone; scenes are skipped until another is bound", current.name());
        }
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

    @Override
    public Optional<DecidedScene> latest(String robotId) {
        return Optional.ofNullable(coordinator.latest(robotId));
    }

    @Override
    public Optional<Action> action(String actionId) {
        return Optional.ofNullable(coordinator.action(actionId));
    }
}
