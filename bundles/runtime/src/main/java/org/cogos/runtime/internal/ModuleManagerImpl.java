package org.cogos.runtime.internal;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.cogos.api.admin.EventLevel;
import org.cogos.api.admin.ModuleEventLog;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleInfo;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleParam;
import org.cogos.api.admin.ModuleState;
import org.cogos.api.admin.ModuleStatus;
import org.cogos.api.admin.UnservedModality;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The Linux module tools over OSGi: a module is a bundle with a {@code Cogos-Module} header; it is in use while
 * another module's bundle holds one of its services or is wired to one of its packages.
 */
@Component
public final class ModuleManagerImpl implements ModuleManager {

    /** Feature operations must not refresh (restart) unrelated bundles. */
    private static final EnumSet<FeaturesService.Option> NO_REFRESH =
            EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    @Reference
    private RoutingState routing;
    @Reference
    private ModuleEventLog events;
    @Reference
    private FeaturesService features;
    @Reference
    private MetaTypeService metaTypes;
    @Reference
    private ConfigurationAdmin configAdmin;

    private BundleContext context;
    private ModuleParams params;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        params = new ModuleParams(metaTypes, configAdmin);
    }

    @Override
    public List<ModuleStatus> list() {
        List<ModuleHandle> handles = routing.handles();
        List<ModuleStatus> list = new ArrayList<>();
        for (Bundle bundle : ModuleBundles.all(context)) {
            String name = ModuleBundles.moduleName(bundle);
            List<ModuleHandle> own = handles.stream().filter(h -> h.bundleId == bundle.getBundleId()).toList();
            ModuleMetrics m = routing.metrics(name);
            long p99 = m == null ? -1 : m.latency.percentileNanos(0.99);
            list.add(new ModuleStatus(name, bundle.getBundleId(), state(bundle, own),
                    own.stream().map(h -> h.modality).distinct().sorted().toList(), usedBy(bundle),
                    m == null ? 0 : m.processed.sum(), m == null ? 0 : m.errors.sum(),
                    m == null ? 0 : m.superseded.sum(), m == null ? 0 : m.rate.perSecond(), p99 < 0 ? -1 : p99 / 1000, -1));
        }
        list.sort(Comparator.comparing(ModuleStatus::name));
        return list;
    }

    @Override
    public List<UnservedModality> unserved() {
        return routing.unserved();
    }

    private static ModuleState state(Bundle bundle, List<ModuleHandle> handles) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> handles.stream().anyMatch(ModuleHandle::quarantined) ? ModuleState.QUARANTINED
                    : ModuleState.LIVE;
            case Bundle.STARTING -> ModuleState.LOADING;
            case Bundle.STOPPING -> ModuleState.UNLOADING;
            default -> ModuleState.STOPPED;
        };
    }

    /** Other modules holding this module's services or wired to its packages (the kernel itself not counted). */
    private List<String> usedBy(Bundle bundle) {
        Set<String> users = new TreeSet<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                Bundle[] using = ref.getUsingBundles();
                if (using != null) {
                    for (Bundle user : using) {
                        addUser(users, bundle, user);
                    }
                }
            }
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getProvidedWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                addUser(users, bundle, wire.getRequirer().getBundle());
            }
        }
        return List.copyOf(users);
    }

    private static void addUser(Set<String> users, Bundle module, Bundle user) {
        String name = ModuleBundles.moduleName(user);
        if (name != null && user.getBundleId() != module.getBundleId()) {
            users.add(name);
        }
    }

    @Override
    public Optional<ModuleInfo> info(String name) {
        return ModuleBundles.find(context, name).map(bundle -> {
            var headers = bundle.getHeaders("");
            List<ModuleParam> declared;
            try {
                declared = params.list(bundle);
            } catch (ModuleException e) {
                events.log(name, EventLevel.WARN, e.getMessage());
                declared = List.of();
            }
            return new ModuleInfo(name, bundle.getVersion().toString(), orEmpty(headers.get(Constants.BUNDLE_DESCRIPTION)),
                    orEmpty(headers.get(Constants.BUNDLE_VENDOR)), license(headers.get("Bundle-License")),
                    bundle.getBundleId(), bundle.getLocation(), String.join(",", params.pids(bundle)), declared,
                    ModuleBundles.depends(bundle));
        });
    }

    /** {@code Bundle-License: "Apache-2.0";link="..."} shows as {@code Apache-2.0}. */
    private static String license(String header) {
        if (header == null) {
            return "";
        }
        String first = header.split(";", 2)[0].trim();
        return first.startsWith("\"") && first.endsWith("\"") ? first.substring(1, first.length() - 1) : first;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String insmod(String location) throws ModuleException {
        String url = location.contains(":") ? location : new File(location).getAbsoluteFile().toURI().toString();
        // Installing a location that is installed already hands back that bundle: refuse before, never touch it.
        Bundle existing = context.getBundle(url);
        if (existing != null) {
            String loaded = ModuleBundles.moduleName(existing);
            throw new ModuleException((loaded == null ? "bundle " + existing.getSymbolicName() : "module " + loaded)
                    + " is already loaded from " + url + " (bundle " + existing.getBundleId() + ")");
        }
        Bundle bundle;
        try {
            bundle = context.installBundle(url);
        } catch (BundleException | SecurityException | IllegalStateException e) {
            throw new ModuleException("cannot install " + url + ": " + e.getMessage(), e);
        }
        String name = ModuleBundles.moduleName(bundle);
        String refusal = null;
        if (name == null) {
            refusal = url + " is not a cogos module (no " + ModuleBundles.HEADER_MODULE + " header)";
        } else {
            Optional<Bundle> loaded = ModuleBundles.all(context).stream()
                    .filter(b -> b.getBundleId() != bundle.getBundleId() && name.equals(ModuleBundles.moduleName(b)))
                    .findFirst();
            if (loaded.isPresent()) {
                refusal = "module " + name + " is already loaded (bundle " + loaded.get().getBundleId() + ")";
            }
        }
        if (refusal != null) {
            uninstallQuietly(bundle, refusal);
            throw new ModuleException(refusal);
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            uninstallQuietly(bundle, "failed to start: " + e.getMessage());
            throw new ModuleException("module " + name + " failed to start: " + e.getMessage(), e);
        }
        return name;
    }

    /** Undo an install that was refused; a failure here is logged, the refusal is what the user must see. */
    private void uninstallQuietly(Bundle bundle, String why) {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            events.log("cogos", EventLevel.WARN, "could not remove refused bundle " + bundle.getBundleId() + " (" + why
                    + "): " + e.getMessage());
        }
    }

    @Override
    public void rmmod(String name, boolean force) throws ModuleException {
        Bundle bundle = require(name);
        List<String> users = usedBy(bundle);
        if (!users.isEmpty() && !force) {
            throw new ModuleException("module " + name + " is in use by " + String.join(", ", users)
                    + " (use --force)");
        }
        if (!users.isEmpty()) {
            events.log(name, EventLevel.WARN, "forced removal while in use by " + String.join(", ", users));
        }
        Optional<Feature> feature = owningRootFeature(bundle);
        try {
            if (feature.isPresent()) {
                features.uninstallFeature(feature.get().getName(), feature.get().getVersion(), NO_REFRESH);
            }
            // Without a feature, or when another installed feature still requires this one (so Karaf kept the
            // bundle), the bundle itself goes; the next provisioning of that feature brings it back.
            if (bundle.getState() != Bundle.UNINSTALLED) {
                if (feature.isPresent()) {
                    events.log(name, EventLevel.WARN, "feature " + feature.get().getName()
                            + " is still required by another feature; removing the bundle directly");
                }
                bundle.uninstall();
            }
        } catch (Exception e) {
            throw new ModuleException("cannot remove module " + name + ": " + e.getMessage(), e);
        }
    }

    /** The installed feature the user asked for that brought this bundle in, if any. */
    private Optional<Feature> owningRootFeature(Bundle bundle) throws ModuleException {
        try {
            for (Feature feature : features.listRequiredFeatures()) {
                for (BundleInfo info : feature.getBundles()) {
                    if (info.getLocation().trim().equals(bundle.getLocation())) {
                        return Optional.of(feature);
                    }
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new ModuleException("cannot list features: " + e.getMessage(), e);
        }
    }

    @Override
    public void modprobe(String name) throws ModuleException {
        String featureName = "cogos-" + name;
        Feature feature;
        try {
            feature = features.getFeature(featureName);
        } catch (Exception e) {
            throw new ModuleException("cannot look up feature " + featureName + ": " + e.getMessage(), e);
        }
        if (feature == null) {
            throw new ModuleException("no feature " + featureName + " in the known repositories (feature:repo-add?)");
        }
        try {
            features.installFeature(feature, NO_REFRESH);
        } catch (Exception e) {
            throw new ModuleException("cannot install feature " + featureName + ": " + e.getMessage(), e);
        }
        events.log(name, EventLevel.INFO, "probed: feature " + featureName + "/" + feature.getVersion() + " installed");
    }

    @Override
    public List<ModuleParam> params(String name) throws ModuleException {
        return params.list(require(name));
    }

    @Override
    public void setParam(String name, String key, String value) throws ModuleException {
        Object stored = params.set(name, require(name), key, value);
        events.log(name, EventLevel.INFO, "parameter " + key + " = " + stored);
    }

    private Bundle require(String name) throws ModuleException {
        return ModuleBundles.find(context, name)
                .orElseThrow(() -> new ModuleException("no module named " + name + " (see cog:lsmod)"));
    }
}
