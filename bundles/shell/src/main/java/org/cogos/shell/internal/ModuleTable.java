package org.cogos.shell.internal;

import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.admin.ModuleStatus;

/** The {@code cog:lsmod} table: one row per module, sorted by name so the output does not depend on the runtime. */
final class ModuleTable {

    private ModuleTable() {
    }

    static ShellTable of(List<ModuleStatus> modules) {
        ShellTable table = new ShellTable().emptyTableText("no modules loaded");
        table.column("Module");
        table.column("State");
        table.column("Memory").alignRight();
        table.column("Used by");
        table.column("Percepts/s").alignRight();
        table.column("p99").alignRight();
        table.column("Processed").alignRight();
        table.column("Errors").alignRight();
        table.column("Bundle id").alignRight();
        modules.stream().sorted(Comparator.comparing(ModuleStatus::name)).forEach(module -> table.addRow().addContent(
                module.name(),
                module.state(),
                Units.bytes(module.memoryBytes()),
                Units.usedBy(module.usedBy()),
                Units.rate(module.perceptsPerSecond()),
                Units.latency(module.p99Micros()),
                module.processed(),
                module.errors(),
                module.bundleId()));
        return table;
    }
}
