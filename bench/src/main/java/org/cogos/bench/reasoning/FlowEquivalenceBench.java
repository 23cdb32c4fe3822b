package org.cogos.bench.reasoning;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.cogos.flow.CostModel;
import org.cogos.flow.EGraph;
import org.cogos.flow.EqualitySaturation;
import org.cogos.flow.Extractor;
import org.cogos.flow.Flow;
import org.cogos.flow.FlowEvaluator;
import org.cogos.flow.FlowGenerator;
import org.cogos.flow.FlowMetrics;
import org.cogos.flow.FlowTolerance;
import org.cogos.flow.GeneratedFlow;
import org.cogos.flow.Rules;
import org.cogos.flow.SaturationLimits;
import org.cogos.flow.SaturationReport;
import org.cogos.flow.StopReason;

/**
 * Flow-equivalence figures: for generated flows of several sizes with known injected redundancy, how much
 * equality saturation + extraction removes, how long saturation takes, and whether every simplified flow still
 * computes what the original did (checked by evaluation on test inputs, within {@link FlowTolerance#DEFAULT}).
 * Usage: {@code FlowEquivalenceBench [flowsPerSize=100] [seed=1]}.
 */
public final class FlowEquivalenceBench {

    private static final int[] SIZES = {10, 30, 100, 300, 1000};
    private static final int WARMUP_FLOWS = 200;
    private static final int EXECUTION_VECTOR_LENGTH = 1024;
    private static final int EXECUTION_REPEATS = 10;
    /** Consumes evaluation results so the JIT cannot drop the work being timed. */
    private static volatile float sink;

    private FlowEquivalenceBench() {
    }

    /** One size class's measurements. */
    private record Row(int size, int flows, double opsBefore, double opsAfter, double removedShare,
            double injectedShare, int exactRemovals, double saturationP50, double saturationP99,
            double extractionP50, double meanIterations, int maxIterations, int maxENodes,
            Map<StopReason, Integer> stopReasons, int equalOutputs, double executionRatio) {
    }

    /** Runs the bench and prints the table. */
    public static void main(String[] args) {
        int flowsPerSize = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        if (flowsPerSize < 1) {
            throw new IllegalArgumentException("flowsPerSize must be >= 1, got " + flowsPerSize);
        }
        List<float[]> inputs = testInputs(seed);
        long start = System.nanoTime();
        FlowGenerator warmup = new FlowGenerator(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < WARMUP_FLOWS; i++) {
            measure(warmup.generate(SIZES[i % SIZES.length]), inputs);
        }
        System.out.printf(Locale.ROOT, "Flow equivalence (e-graph + equality saturation), %d standard rules, java %s, %d cores%n",
                Rules.standard().size(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%d generated flows per size, seed %d, ~%.0f%% injected redundancy, limits %s; "
                + "equal = within relative %.0e of the output's max |value| on %d inputs (lengths %s)%n%n",
                flowsPerSize, seed, FlowGenerator.DEFAULT_REDUNDANCY_SHARE * 100, SaturationLimits.DEFAULT,
                FlowTolerance.DEFAULT.relative(), inputs.size(),
                inputs.stream().map(v -> String.valueOf(v.length)).collect(Collectors.joining(",")));
        System.out.println("| ops | flows | ops before | ops after | removed | injected | removed = injected "
                + "| saturation p50 ms | p99 ms | extraction p50 ms | iterations mean/max | max e-nodes "
                + "| stop reasons | simplified = original | exec time after/before |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        for (int size : SIZES) {
            Row row = runSize(size, flowsPerSize, new FlowGenerator(seed * 1_000_003L + size), inputs);
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f%% | %.1f%% | %d/%d | %.2f | %.2f | %.2f | %.1f/%d | %d "
                    + "| %s | %.0f%% (%d/%d) | %.2f |%n", row.size(), row.flows(), row.opsBefore(), row.opsAfter(),
                    100 * row.removedShare(), 100 * row.injectedShare(), row.exactRemovals(), row.flows(),
                    row.saturationP50(), row.saturationP99(), row.extractionP50(), row.meanIterations(),
                    row.maxIterations(), row.maxENodes(), row.stopReasons(),
                    100.0 * row.equalOutputs() / row.flows(), row.equalOutputs(), row.flows(), row.executionRatio());
        }
        System.out.printf(Locale.ROOT, "%nwhole run %.1f s (including %d warm-up flows)%n", (System.nanoTime() - start) / 1e9,
                WARMUP_FLOWS);
    }

    /** What simplifying one flow gave. */
    private record Measurement(GeneratedFlow generated, Flow simplified, int opsAfter, SaturationReport report,
            long extractionNanos, boolean equalOutputs) {
    }

    private static Measurement measure(GeneratedFlow generated, List<float[]> inputs) {
        EGraph graph = new EGraph();
        int root = graph.add(generated.flow());
        SaturationReport report = EqualitySaturation.run(graph, Rules.standard(), SaturationLimits.DEFAULT);
        long extractionStart = System.nanoTime();
        Flow simplified = new Extractor(graph, CostModel.operationCount()).extract(root);
        long extractionNanos = System.nanoTime() - extractionStart;
        boolean equal = true;
        for (float[] input : inputs) {
            float[] original = FlowEvaluator.evaluate(generated.flow(), input);
            float[] result = FlowEvaluator.evaluate(simplified, input);
            equal &= FlowTolerance.DEFAULT.close(original, result);
        }
        return new Measurement(generated, simplified, FlowMetrics.distinctOperations(simplified), report,
                extractionNanos, equal);
    }

    private static Row runSize(int size, int flows, FlowGenerator generator, List<float[]> inputs) {
        List<Measurement> measurements = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            measurements.add(measure(generator.generate(size), inputs));
        }
        double before = measurements.stream().mapToLong(m -> m.generated().operations()).sum();
        double after = measurements.stream().mapToLong(Measurement::opsAfter).sum();
        double injected = measurements.stream().mapToLong(m -> m.generated().redundantOperations()).sum();
        int exact = (int) measurements.stream()
                .filter(m -> m.generated().operations() - m.opsAfter() == m.generated().redundantOperations())
                .count();
        double[] saturation = measurements.stream().mapToDouble(m -> m.report().elapsedMillis()).sorted().toArray();
        double[] extraction = measurements.stream().mapToDouble(m -> m.extractionNanos() / 1e6).sorted().toArray();
        Map<StopReason, Integer> reasons = new EnumMap<>(StopReason.class);
        measurements.forEach(m -> reasons.merge(m.report().stopReason(), 1, Integer::sum));
        int equal = (int) measurements.stream().filter(Measurement::equalOutputs).count();
        return new Row(size, flows, before / flows, after / flows, (before - after) / before, injected / before, exact,
                percentile(saturation, 0.50), percentile(saturation, 0.99), percentile(extraction, 0.50),
                measurements.stream().mapToInt(m -> m.report().iterations()).average().orElse(0),
                measurements.stream().mapToInt(m -> m.report().iterations()).max().orElse(0),
                measurements.stream().mapToInt(m -> m.report().eNodes()).max().orElse(0), reasons, equal,
                executionRatio(measurements));
    }

    /**
     * Evaluation time of the simplified flows over that of the originals, on one long vector. Whole blocks of
     * originals and of simplified flows alternate, after one untimed round, so JIT and GC noise spreads evenly.
     */
    private static double executionRatio(List<Measurement> measurements) {
        float[] signal = new float[EXECUTION_VECTOR_LENGTH];
        Random random = new Random(EXECUTION_VECTOR_LENGTH);
        for (int i = 0; i < signal.length; i++) {
            signal[i] = random.nextFloat() * 20 - 10;
        }
        List<Flow> originals = measurements.stream().map(m -> m.generated().flow()).toList();
        List<Flow> simplified = measurements.stream().map(Measurement::simplified).toList();
        evaluateAll(originals, signal);
        evaluateAll(simplified, signal);
        long originalNanos = 0;
        long simplifiedNanos = 0;
        for (int repeat = 0; repeat < EXECUTION_REPEATS; repeat++) {
            originalNanos += evaluateAll(originals, signal);
            simplifiedNanos += evaluateAll(simplified, signal);
        }
        return simplifiedNanos / (double) originalNanos;
    }

    private static long evaluateAll(List<Flow> flows, float[] signal) {
        long start = System.nanoTime();
        for (Flow flow : flows) {
            float[] out = FlowEvaluator.evaluate(flow, signal);
            sink += out.length == 0 ? 0 : out[0];
        }
        return System.nanoTime() - start;
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static List<float[]> testInputs(long seed) {
        Random random = new Random(seed);
        List<float[]> inputs = new ArrayList<>();
        for (int length : new int[] {0, 1, 2, 7, 64, 256}) {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = random.nextInt(6) == 0 ? 0f : random.nextFloat() * 20 - 10;
            }
            inputs.add(values);
        }
        inputs.add(new float[] {-1f, -1f, 0f, 3f, 3f, -7.5f});
        return List.copyOf(inputs);
    }

}
