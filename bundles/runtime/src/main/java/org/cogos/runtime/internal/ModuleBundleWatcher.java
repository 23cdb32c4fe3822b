package org.cogos.runtime.internal;

import org.cogos.api.admin.EventLevel;
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
/* No service: it must be immediate, and a BundleListener is not a service anyone should look up. */
@Component(service = {})
public final class ModuleBundleWatcher implements SynchronousBundleListener {

    @Reference
    private ModuleEventLog events;

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        context.addBundleListener(this);
        // What was loaded before the runtime came up, as the kernel logs its built-in drivers at boot.
        for (Bundle bundle : ModuleBundles.all(context)) {
            if (bundle.getState() == Bundle.ACTIVE) {
                events.log(ModuleBundles.moduleName(bundle), EventLevel.INFO, "present (version " + bundle.getVersion()
                        + ") [bundle " + bundle.getBundleId() + "]");
            }
        }
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
            events.log(name, EventLevel.INFO, what + " [bundle " + bundle.getBundleId() + "]");
        }
    }
}
