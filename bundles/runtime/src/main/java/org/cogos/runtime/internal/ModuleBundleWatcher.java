package org.cogos.runtime.internal;

import org.cogos.api.admin.ModuleEventLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Writes the lifecycle of module bundles (installed, started, stopped, updated, removed) to the event log. */
@Component
public final class ModuleBundleWatcher implements SynchronousBundleListener {

    @Reference
    private ModuleEventLog events;

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        String name = ModuleBundles.moduleName(bundle);
        if (name == null) {
            return;
        }
        String what = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "inserted from " + bundle.getLocation();
            case BundleEvent.STARTED -> "started (version " + bundle.getVersion() + ")";
            case BundleEvent.STOPPED -> "stopped";
            case BundleEvent.UPDATED -> "updated to version " + bundle.getVersion();
            case BundleEvent.UNINSTALLED -> "removed";
            default -> null;
        };
        if (what != null) {
            events.log(name, "info", what + " [bundle " + bundle.getBundleId() + "]");
        }
    }
}
