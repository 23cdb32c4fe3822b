package org.cogos.bench.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the tensor JMH benchmarks of this package on the host (user-space backend) and prints their figures as a
 * compact table with the ratios against the baselines of the same run: engine/OpenBLAS and engine/Java for
 * matmul, engine/Java for a call, zero-copy/copy for sums. Arguments are JMH's own ({@code -h}); without them:
 * one fork, 3 warm-up and 5 measured iterations of 1 s, every benchmark of this package, failing on the first
 * error, the JSON result in {@code bench/target/jmh-tensor.json}.
 */
public final class HostTensorBenchmark {

    private static final String PACKAGE = HostTensorBenchmark.class.getPackageName();
    private static final int[] MATMUL_SIZES = {64, 256, 512, 1024};
    private static final int[] SUM_BYTES = {4096, 16384, 65536, 262144, 1048576, 4194304};

    /** Primary results by "Class.method" and "Class.method:param=value". */
    private final Map<String, Result<?>> results = new HashMap<>();

    private HostTensorBenchmark(Collection<RunResult> runs) {
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark().substring(PACKAGE.length() + 1);
            String key = benchmark + run.getParams().getParamsKeys().stream()
                    .map(k -> ":" + k + "=" + run.getParams().getParam(k)).collect(Collectors.joining());
            results.put(key, run.getPrimaryResult());
        }
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(PACKAGE.replace(".", "\\.") + "\\.");
        }
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(3);
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(1));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(5);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(1));
        }
        if (!cli.shouldFailOnError().hasValue()) {
            // A benchmark whose answers were wrong (Checks) must end the run, not leave a gap in the table.
            options.shouldFailOnError(true);
        }
        if (!cli.getResult().hasValue()) {
            options.result("bench/target/jmh-tensor.json").resultFormat(ResultFormatType.JSON);
        }
        String host = hostDescription();
        Collection<RunResult> runs = new Runner(options.build()).run();
        System.out.println();
        System.out.println(host);
        new HostTensorBenchmark(runs).print();
    }

    /** The machine and the engine as the benchmarks see them; loads the libraries as the JMH forks will. */
    private static String hostDescription() throws IOException {
        TensorEngineStatus status;
        try (NativeTensorEngine engine = NativeTensorEngine.userspace()) {
            status = engine.status();
        }
        String model;
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            model = lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        }
        return String.format(Locale.ROOT, "Tensor engine on the host: %s, %d cores, Java %s%n"
                + "  user-space backend: simd %s (CPU offers %s)%n  OpenBLAS: %s, 1 thread", model,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), status.simd(),
                String.join(" ", new TreeSet<>(status.cpuFeatures())), OpenBlas.CONFIG);
    }

    private void print() {
        System.out.println();
        System.out.println("JNI call overhead (user-space backend)              ns/call");
        row("compute(ADD) through the engine", "JniOverheadBenchmark.computeAddEngine");
        row("the same add in plain Java (Math.addExact)", "JniOverheadBenchmark.computeAddJava");
        row("sum 1x1 F32 through the engine, zero-copy tensors", "JniOverheadBenchmark.sum1x1ZeroCopy");
        row("sum 1x1 F32 through the engine, float[] copy path", "JniOverheadBenchmark.sum1x1Copy");
        System.out.printf(Locale.ROOT, "  time ratio engine/Java for compute(ADD): %s%n",
                ratio(score("JniOverheadBenchmark.computeAddEngine"), score("JniOverheadBenchmark.computeAddJava")));

        System.out.println();
        System.out.println("matmul F32 n x n, GFLOP/s = 2n^3 / time (zero-copy tensors; OpenBLAS on 1 thread,"
                + " like the engine)");
        System.out.println("      n     engine   OpenBLAS  Java i-k-j   engine/OpenBLAS  engine/Java");
        for (int n : MATMUL_SIZES) {
            double flops = 2.0 * n * n * n;
            double engine = perNanosecond(flops, score("MatmulBenchmark.engine:n=" + n), 1e3);
            double blas = perNanosecond(flops, score("MatmulBenchmark.openblas:n=" + n), 1e3);
            double java = perNanosecond(flops, score("MatmulBenchmark.java:n=" + n), 1e3);
            System.out.printf(Locale.ROOT, "  %5d %10s %10s %11s   %15s  %11s%n", n, figure(engine), figure(blas),
                    figure(java), ratio(engine, blas), ratio(engine, java));
        }

        System.out.println();
        System.out.println("element-wise sum F32, GB/s = 3 x operand bytes / time (a, b read; out written)");
        System.out.println("  operand   copy (float[])  zero-copy  wrapped direct   zero-copy/copy");
        for (int bytes : SUM_BYTES) {
            double copy = perNanosecond(3.0 * bytes, score("SumBenchmark.copy:bytes=" + bytes), 1);
            double zero = perNanosecond(3.0 * bytes, score("SumBenchmark.zeroCopy:bytes=" + bytes), 1);
            double wrapped = perNanosecond(3.0 * bytes, score("SumBenchmark.wrapped:bytes=" + bytes), 1);
            System.out.printf(Locale.ROOT, "  %7s %16s %10s %16s   %14s%n", size(bytes), figure(copy), figure(zero),
                    figure(wrapped), ratio(zero, copy));
        }
    }

    private void row(String label, String key) {
        Result<?> result = results.get(key);
        if (result == null) {
            System.out.printf(Locale.ROOT, "  %-50s %8s%n", label, "-");
        } else {
            System.out.printf(Locale.ROOT, "  %-50s %8.1f +- %.1f%n", label, result.getScore(), result.getScoreError());
        }
    }

    /** The score of a benchmark in its own unit, NaN when it was not run (filtered out with JMH's arguments). */
    private double score(String key) {
        Result<?> result = results.get(key);
        return result == null ? Double.NaN : result.getScore();
    }

    /** Work per nanosecond (GFLOP/s, GB/s) from a time in nanoseconds x nanosPerUnit. */
    private static double perNanosecond(double work, double time, double nanosPerUnit) {
        return work / (time * nanosPerUnit);
    }

    private static String figure(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }

    private static String ratio(double x, double y) {
        return Double.isNaN(x) || Double.isNaN(y) ? "-" : String.format(Locale.ROOT, "%.2fx", x / y);
    }

    static String size(int bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }
}
