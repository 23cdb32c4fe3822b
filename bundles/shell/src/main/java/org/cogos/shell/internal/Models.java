package org.cogos.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cogos.api.ml.ModelInfo;
import org.cogos.api.ml.ModelRegistry;
import org.cogos.api.ml.TensorSpec;

@Command(scope = "cog", name = "models",
        description = "Lists the models loaded for inference: inputs, outputs, calls, latency, file.")
@Service
public class Models extends CogAction {

    @Option(name = "--no-format", description = "Tab-separated rows without header, for scripts")
    boolean noFormat;

    /** Optional: the registry lives in cogos-ml, and the cog:* commands of this bundle must not wait for it. */
    @Reference(optional = true)
    ModelRegistry registry;

    Clock clock = Clock.systemUTC();

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (registry == null) {
            throw new CommandException("model registry not available: is cogos-ml installed?");
        }
        table(registry.list(), clock.millis()).print(out, !noFormat);
    }

    static ShellTable table(List<ModelInfo> models, long nowMillis) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Inputs");
        table.column("Outputs");
        table.column("Calls").alignRight();
        table.column("Errors").alignRight();
        table.column("Mean").alignRight();
        table.column("p99").alignRight();
        table.column("Loaded");
        table.column("File");
        for (ModelInfo m : models) {
            table.addRow().addContent(m.name(), specs(m.inputs()), specs(m.outputs()), m.calls(), m.errors(),
                    Units.latency(m.meanLatencyMicros()), Units.latency(m.p99LatencyMicros()),
                    Units.ago(m.loadedAtMillis(), nowMillis), m.path());
        }
        return table;
    }

    private static String specs(List<TensorSpec> specs) {
        return String.join(" ", specs.stream().map(TensorSpec::toString).toList());
    }
}
