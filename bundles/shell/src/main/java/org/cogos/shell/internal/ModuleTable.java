package org.cogos.shell.internal;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.admin.ModuleStatus;
import org.cogos.api.admin.UnservedModality;

/**
 * The {@code cog:lsmod} table: one row per module, sorted by name so the output does not depend on the runtime;
 * and its footer, the modalities no module serves.
 */
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
        table.column("Superseded").alignRight();
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
                module.superseded(),
                module.bundleId()));
        return table;
    }

    /**
     * The line under the table naming the modalities robots send that no module serves, e.g.
     * {@code No module serves: sonar (0 held, 12 refused), thermal (3 held, 0 refused)}; empty when there is none.
     */
    static String unservedLine(List<UnservedModality> unserved) {
        return unserved.isEmpty() ? "" : "No module serves: " + unserved.stream()
                .sorted(Comparator.comparing(UnservedModality::modality))
                .map(u -> u.modality() + " (" + u.held() + " held, " + u.refused() + " refused)")
                .collect(Collectors.joining(", "));
    }
}
