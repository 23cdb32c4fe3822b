package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.cogos.api.admin.ModuleManager;

@Command(scope = "cog", name = "lsmod",
        description = "Lists the loaded modules with their state, users, throughput and latency (like lsmod), "
                + "then the modalities robots send that no module serves.")
@Service
public class Lsmod extends CogAction {

    @Option(name = "--no-format", description = "Tab-separated module rows without header or footer, for scripts")
    boolean noFormat;

    @Reference
    ModuleManager modules;

    @Override
    protected void run(PrintStream out) throws CommandException {
        ModuleTable.of(modules.list()).print(out, !noFormat);
        String unserved = ModuleTable.unservedLine(modules.unserved());
        if (!noFormat && !unserved.isEmpty()) {
            out.println(unserved);
        }
    }
}
