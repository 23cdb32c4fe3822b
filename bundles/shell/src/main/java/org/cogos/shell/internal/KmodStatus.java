package org.cogos.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineException;
import org.cogos.api.tensor.TensorEngineStatus;

@Command(scope = "kmod", name = "status",
        description = "Shows the tensor engine: the cogos_tensor kernel module or its user-space twin, SIMD, memory"
                + " pool and calls.")
@Service
public class KmodStatus extends CogAction {

    @Option(name = "--no-format", description = "Tab-separated rows without header, for scripts")
    boolean noFormat;

    /** Optional: the engine lives in cogos-native-bridge, and the cog:* commands of this bundle must not wait for it. */
    @Reference(optional = true)
    TensorEngine engine;

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (engine == null) {
            throw new CommandException("tensor engine not available: is cogos-native-bridge installed?");
        }
        TensorEngineStatus status;
        try {
            status = engine.status();
        } catch (TensorEngineException | IllegalStateException e) {
            // The device failed, or the engine closed under the command (native-bridge going away): one line.
            throw new CommandException("tensor engine status failed: " + e.getMessage(), e);
        }
        table(status).print(out, !noFormat);
    }

    /** One row per fact, so that the table stays narrow and a script can pick a row by its first cell. */
    static ShellTable table(TensorEngineStatus status) {
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        boolean pool = status.poolBlocks() > 0;
        table.addRow().addContent("backend", status.backend());
        table.addRow().addContent("device", status.device());
        table.addRow().addContent("simd", status.simd());
        table.addRow().addContent("cpu features",
                status.cpuFeatures().isEmpty() ? "none" : String.join(",", status.cpuFeatures().stream().sorted()
                        .toList()));
        table.addRow().addContent("workers", status.workers());
        table.addRow().addContent("pool blocks",
                pool ? status.blocksUsed() + "/" + status.poolBlocks() + " used" : Units.UNKNOWN);
        table.addRow().addContent("pool memory", pool
                ? Units.bytes(status.blocksUsed() * status.blockBytes()) + "/"
                        + Units.bytes(status.poolBlocks() * status.blockBytes()) + " used, blocks of "
                        + Units.bytes(status.blockBytes())
                : Units.UNKNOWN);
        table.addRow().addContent("calls", status.calls());
        table.addRow().addContent("errors", status.errors());
        table.addRow().addContent("calls/s", Units.rate(status.callsPerSecond()));
        return table;
    }
}
