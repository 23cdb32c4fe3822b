package org.cogos.web.internal;

import org.cogos.api.admin.ModuleEventLog;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.RobotRegistry;
import org.cogos.api.admin.ScanMonitor;
import org.cogos.api.admin.SceneMonitor;
import org.cogos.api.audit.AuditTrail;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard's servlets share: its parameters, and the cogos services it shows. Each service is optional
 * and dynamic, so the dashboard keeps working, and says what is missing, while a module is swapped or removed —
 * which is when an operator most wants to look.
 */
@Component(service = Dashboard.class, configurationPid = WebConfig.PID)
@Designate(ocd = WebConfig.class)
public final class Dashboard implements LiveFeed.Sources {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ModuleManager modules;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RobotRegistry robots;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SceneMonitor scenes;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ScanMonitor scans;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ModuleEventLog events;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditTrail audit;

    private volatile WebOptions options;

    /** A configuration out of bounds stops the activation with the reason. */
    @Activate
    public Dashboard(WebConfig config) {
        options = WebOptions.from(config);
        LOG.info("dashboard on {}: {}", DashboardContext.PATH, options);
    }

    /** A rejected change keeps the dashboard on its previous parameters; the next login or push uses a new one. */
    @Modified
    void modified(WebConfig config) {
        try {
            options = WebOptions.from(config);
            LOG.info("dashboard parameters updated: {}", options);
        } catch (IllegalArgumentException e) {
            LOG.error("dashboard keeps {}: {}", options, e.getMessage());
        }
    }

    WebOptions options() {
        return options;
    }

    @Override
    public ModuleManager modules() {
        return modules;
    }

    @Override
    public RobotRegistry robots() {
        return robots;
    }

    @Override
    public SceneMonitor scenes() {
        return scenes;
    }

    @Override
    public ScanMonitor scans() {
        return scans;
    }

    @Override
    public ModuleEventLog events() {
        return events;
    }

    @Override
    public AuditTrail audit() {
        return audit;
    }
}
