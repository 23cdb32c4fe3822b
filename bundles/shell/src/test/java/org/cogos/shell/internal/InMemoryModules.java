package org.cogos.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cogos.api.admin.ModalityQueue;
import org.cogos.api.admin.ModuleCounters;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleInfo;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleParam;
import org.cogos.api.admin.ModuleState;
import org.cogos.api.admin.ModuleStatus;
import org.cogos.api.admin.UnservedModality;

/**
 * A small, working module manager kept in memory: bundles that can be inserted from a location, features that
 * bring several modules, "used by" derived from the depends of the loaded modules, and typed parameters.
 */
final class InMemoryModules implements ModuleManager {

    private record Traffic(long processed, long errors, long superseded, double rate, long p99Micros,
            long memoryBytes) {
    }

    private final Map<String, ModuleInfo> installable = new HashMap<>();
    private final Map<String, List<ModuleInfo>> features = new HashMap<>();
    private final Map<String, ModuleInfo> loaded = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> values = new HashMap<>();
    private final Map<String, Traffic> traffic = new HashMap<>();
    private final Map<String, ModuleState> states = new HashMap<>();
    private final List<UnservedModality> unserved = new ArrayList<>();
    private long nextBundleId = 70;

    /** A bundle insmod can install from {@code location}. */
    InMemoryModules installable(String location, ModuleInfo module) {
        installable.put(location, module);
        return this;
    }

    /** A feature {@code cogos-NAME} bringing these modules, dependencies first. */
    InMemoryModules feature(String name, ModuleInfo... modules) {
        features.put("cogos-" + name, List.of(modules));
        return this;
    }

    InMemoryModules loaded(ModuleInfo module) {
        load(module);
        return this;
    }

    InMemoryModules traffic(String name, ModuleState state, long processed, long errors, long superseded, double rate,
            long p99Micros, long memoryBytes) {
        traffic.put(name, new Traffic(processed, errors, superseded, rate, p99Micros, memoryBytes));
        states.put(name, state);
        return this;
    }

    /** A modality robots send that no module serves. */
    InMemoryModules unserved(String modality, long held, long refused) {
        unserved.add(new UnservedModality(modality, held, refused));
        return this;
    }

    private void load(ModuleInfo module) {
        long id = nextBundleId++;
        loaded.put(module.name(), new ModuleInfo(module.name(), module.version(), module.description(),
                module.author(), module.license(), id, module.location(), module.pid(), module.params(),
                module.depends(), module.signer()));
    }

    private List<String> usersOf(String name) {
        return loaded.values().stream().filter(module -> module.depends().contains(name)).map(ModuleInfo::name)
                .toList();
    }

    @Override
    public List<ModuleStatus> list() {
        List<ModuleStatus> list = new ArrayList<>();
        for (ModuleInfo module : loaded.values()) {
            Traffic t = traffic.getOrDefault(module.name(), new Traffic(0, 0, 0, 0, -1, -1));
            list.add(new ModuleStatus(module.name(), module.bundleId(),
                    states.getOrDefault(module.name(), ModuleState.LIVE),
                    List.of(), usersOf(module.name()), t.processed(), t.errors(), t.superseded(), t.rate(), t.p99Micros(),
                    t.memoryBytes()));
        }
        return list;
    }

    @Override
    public List<UnservedModality> unserved() {
        return List.copyOf(unserved);
    }

    @Override
    public List<ModuleCounters> counters() {
        return List.of();
    }

    @Override
    public List<ModalityQueue> queues() {
        return List.of();
    }

    @Override
    public Optional<ModuleInfo> info(String name) {
        return Optional.ofNullable(loaded.get(name)).map(module -> new ModuleInfo(module.name(), module.version(),
                module.description(), module.author(), module.license(), module.bundleId(), module.location(),
                module.pid(), inForce(module), module.depends(), module.signer()));
    }

    @Override
    public String insmod(String location) throws ModuleException {
        ModuleInfo module = installable.get(location);
        if (module == null) {
            throw new ModuleException("cannot install " + location + ": no such file");
        }
        ModuleInfo present = loaded.get(module.name());
        if (present != null) {
            throw new ModuleException("module " + module.name() + " is already loaded (bundle "
                    + present.bundleId() + ")");
        }
        load(module);
        return module.name();
    }

    @Override
    public void rmmod(String name, boolean force) throws ModuleException {
        require(name);
        List<String> users = usersOf(name);
        if (!users.isEmpty() && !force) {
            throw new ModuleException("module " + name + " is in use by " + String.join(", ", users)
                    + " (use --force)");
        }
        loaded.remove(name);
    }

    @Override
    public void modprobe(String name) throws ModuleException {
        List<ModuleInfo> modules = features.get("cogos-" + name);
        if (modules == null) {
            throw new ModuleException("no feature cogos-" + name + " in the known repositories (feature:repo-add?)");
        }
        for (ModuleInfo module : modules) {
            if (!loaded.containsKey(module.name())) {
                load(module);
            }
        }
    }

    @Override
    public List<ModuleParam> params(String name) throws ModuleException {
        return inForce(require(name));
    }

    @Override
    public void setParam(String name, String key, String value) throws ModuleException {
        ModuleParam param = inForce(require(name)).stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new ModuleException("module " + name + " has no parameter " + key));
        String stored;
        try {
            stored = switch (param.type()) {
                case "Double" -> String.valueOf(Double.parseDouble(value));
                case "Integer" -> String.valueOf(Integer.parseInt(value));
                default -> value;
            };
        } catch (NumberFormatException e) {
            throw new ModuleException("parameter " + key + " of " + name + " must be a " + param.type() + ", got "
                    + value);
        }
        values.computeIfAbsent(name, n -> new HashMap<>()).put(key, stored);
    }

    private ModuleInfo require(String name) throws ModuleException {
        ModuleInfo module = loaded.get(name);
        if (module == null) {
            throw new ModuleException("no module named " + name + " (see cog:lsmod)");
        }
        return module;
    }

    private List<ModuleParam> inForce(ModuleInfo module) {
        Map<String, String> set = values.getOrDefault(module.name(), Map.of());
        return module.params().stream().map(p -> new ModuleParam(p.key(), p.type(), p.defaultValue(),
                p.description(), set.getOrDefault(p.key(), p.defaultValue()))).toList();
    }
}
