package org.cogos.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.cogos.api.ml.InferenceException;
import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.NamedTensor;

@Command(scope = "cog", name = "infer",
        description = "Runs a loaded model once on the tensors of a JSON file and prints its outputs. File format:"
                + " {\"INPUT\": {\"shape\": [1, 4], \"data\": [0.1, 0.2, 0.3, 0.4]}, ...}, data row-major.")
@Service
public class Infer extends CogAction {

    /** Refuse input files larger than this: the whole file is read into memory before parsing. */
    static final long MAX_FILE_BYTES = 64L << 20;

    @Argument(index = 0, name = "model", description = "Name of a loaded model (cog:models)", required = true)
    String model;

    @Argument(index = 1, name = "file", description = "JSON input file", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--limit", description = "Print at most this many values per output (0: all)")
    int limit = 32;

    /** Optional: the service lives in cogos-ml, and the cog:* commands of this bundle must not wait for it. */
    @Reference(optional = true)
    InferenceService inference;

    @Override
    protected void run(PrintStream out) throws CommandException {
        if (inference == null) {
            throw new CommandException("inference service not available: is cogos-ml installed?");
        }
        if (limit < 0) {
            throw new CommandException("--limit must be 0 or more, got " + limit);
        }
        List<NamedTensor> inputs;
        try {
            Path path = Path.of(file);
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new CommandException(file + ": " + Units.bytes(size) + " is larger than " + Units.bytes(MAX_FILE_BYTES));
            }
            inputs = InferInput.parse(Files.readString(path));
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new CommandException(file + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        List<NamedTensor> outputs;
        try {
            outputs = inference.run(model, inputs);
        } catch (InferenceException e) {
            throw new CommandException(e.getMessage(), e);
        }
        long micros = (System.nanoTime() - start) / 1_000;
        for (NamedTensor t : outputs) {
            out.println(t.name() + " " + Arrays.toString(t.shape()) + " = " + values(t.data(), limit));
        }
        out.println("(" + Units.latency(micros) + ")");
    }

    /** {@code [0.1, 0.2, ... 98 more]}; Locale.ROOT keeps a decimal point for scripts. */
    static String values(float[] data, int limit) {
        int shown = limit == 0 ? data.length : Math.min(limit, data.length);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", data[i]));
        }
        if (shown < data.length) {
            sb.append(shown == 0 ? "" : ", ").append("... ").append(data.length - shown).append(" more");
        }
        return sb.append(']').toString();
    }
}
