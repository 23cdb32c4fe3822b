package org.cogos.shell.internal;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.ModuleException;
import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.ModuleStatus;

/**
 * The manager installs a feature and reports nothing back, so what modprobe did is read from the difference
 * between the module lists before and after.
 */
@Command(scope = "cog", name = "modprobe",
        description = "Loads a module and the modules it needs from its Karaf feature cogos-NAME (like modprobe).")
@Service
public class Modprobe extends CogAction {

    @Argument(index = 0, name = "module", description = "Module name; its feature is cogos-NAME", required = true)
    @Completion(ModuleFeatureCompleter.class)
    String module;

    @Reference
    ModuleManager modules;

    @Override
    protected String auditTarget() {
        return module;
    }

    @Override
    protected void run(PrintStream out) throws CommandException, ModuleException {
        Set<String> before = modules.list().stream().map(ModuleStatus::name).collect(Collectors.toSet());
        modules.modprobe(module);
        List<ModuleStatus> after = modules.list();
        // Bundle ids grow with installation, so this is the order the feature brought them in: dependencies first.
        List<ModuleStatus> inserted = after.stream()
                .filter(status -> !before.contains(status.name()))
                .sorted(Comparator.comparingLong(ModuleStatus::bundleId))
                .toList();
        for (ModuleStatus status : inserted) {
            out.println("Inserted module " + status.name() + " (bundle " + status.bundleId() + ")");
        }
        if (!inserted.isEmpty()) {
            return;
        }
        after.stream().filter(status -> status.name().equals(module)).findFirst().ifPresentOrElse(
                status -> out.println("Module " + module + " is already loaded (bundle " + status.bundleId() + ")"),
                () -> out.println("Installed feature " + ModuleFeatureCompleter.FEATURE_PREFIX + module
                        + " but no module " + module + " appeared (see cog:dmesg)"));
    }
}
