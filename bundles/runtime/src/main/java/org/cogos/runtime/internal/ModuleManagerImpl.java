package org.cogos.runtime.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.cogos.api.admin.ModalityQueue;
import org.cogos.api.admin.ModuleCounters;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Linux module tools over OSGi: a module is a bundle with a {@code Cogos-Module} header; it is in use while
 * another module's bundle holds one of its services or is wired to one of its packages.
 */
@Component(configurationPid = ModulesConfig.PID)
@Designate(ocd = ModulesConfig.class)
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
    private volatile ModuleSigning signing;

    @Activate
    void activate(BundleContext bundleContext, ModulesConfig config) {
        context = bundleContext;
        params = new ModuleParams(metaTypes, configAdmin);
        signing = ModuleSigning.from(config, events);
    }

    @Modified
    void modified(ModulesConfig config) {
        try {
            signing = ModuleSigning.from(config, events);
        } catch (IllegalArgumentException e) {
            events.log("cogos", EventLevel.ERROR, "kept moduleSignature=" + signing.mode().name().toLowerCase()
                    + ": " + e.getMessage());
        }
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

    @Override
    public List<ModalityQueue> queues() {
        return routing.queues();
    }

    @Override
    public List<ModuleCounters> counters() {
        return routing.allMetrics().entrySet().stream()
                .map(entry -> entry.getValue().counters(entry.getKey()))
                .sorted(Comparator.comparing(ModuleCounters::name)).toList();
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
                    ModuleBundles.depends(bundle), signing.describe(bundle.getLocation()));
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
        Path copy = null;
        Bundle bundle;
        try {
            copy = ModuleSigning.fetch(url);
            String declared = ModuleBundles.moduleName(copy);
            if (declared == null) {
                throw new ModuleException(url + " is not a cogos module (no " + ModuleBundles.HEADER_MODULE
                        + " header)");
            }
            signing.check(declared, url, copy);
            try (InputStream checked = Files.newInputStream(copy)) {
                bundle = context.installBundle(url, checked);
            }
        } catch (IOException e) {
            throw new ModuleException("cannot read " + url + ": " + e.getMessage(), e);
        } catch (BundleException | SecurityException | IllegalStateException e) {
            throw new ModuleException("cannot install " + url + ": " + e.getMessage(), e);
        } finally {
            ModuleSigning.deleteQuietly(copy);
        }
        String name = ModuleBundles.moduleName(bundle);
        Optional<Bundle> loaded = ModuleBundles.all(context).stream()
                .filter(b -> b.getBundleId() != bundle.getBundleId() && name.equals(ModuleBundles.moduleName(b)))
                .findFirst();
        if (loaded.isPresent()) {
            String refusal = "module " + name + " is already loaded (bundle " + loaded.get().getBundleId() + ")";
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
        checkSignatures(feature);
        try {
            features.installFeature(feature, NO_REFRESH);
        } catch (Exception e) {
            throw new ModuleException("cannot install feature " + featureName + ": " + e.getMessage(), e);
        }
        events.log(name, EventLevel.INFO, "probed: feature " + featureName + "/" + feature.getVersion() + " installed");
    }

    /**
     * The module bundles a feature would install, its own and those of the features it needs: each is checked as
     * insmod checks one, before any is installed. Libraries (no {@code Cogos-Module} header) are not modules and come
     * from the repositories the site configured. Karaf then installs from the same locations (its system
     * repository in the distribution).
     */
    private void checkSignatures(Feature feature) throws ModuleException {
        if (signing.mode() == ModuleSignatures.Mode.OFF) {
            return;
        }
        for (Feature each : withRequired(feature, new ArrayList<>())) {
            for (BundleInfo info : each.getBundles()) {
                String location = info.getLocation().trim();
                if (info.isDependency() || context.getBundle(location) != null) {
                    continue; // a library, or installed already: nothing new is loaded from it
                }
                Path copy = null;
                try {
                    copy = ModuleSigning.fetch(location);
                    String module = ModuleBundles.moduleName(copy);
                    if (module != null) {
                        signing.check(module, location, copy);
                    }
                } catch (IOException e) {
                    throw new ModuleException("cannot read " + location + " of feature " + each.getName() + ": "
                            + e.getMessage(), e);
                } finally {
                    ModuleSigning.deleteQuietly(copy);
                }
            }
        }
    }

    private List<Feature> withRequired(Feature feature, List<Feature> found) throws ModuleException {
        if (found.stream().anyMatch(f -> f.getId().equals(feature.getId()))) {
            return found;
        }
        found.add(feature);
        for (var dependency : feature.getDependencies()) {
            Feature required;
            try {
                required = features.getFeature(dependency.getName(), dependency.getVersion());
            } catch (Exception e) {
                throw new ModuleException("cannot look up feature " + dependency.getName() + ": " + e.getMessage(), e);
            }
            if (required != null) {
                withRequired(required, found);
            }
        }
        return found;
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
