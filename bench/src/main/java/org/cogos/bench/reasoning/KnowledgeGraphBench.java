package org.cogos.bench.reasoning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.cogos.reasoning.internal.kg.Edge;
import org.cogos.reasoning.internal.kg.Evidence;
import org.cogos.reasoning.internal.kg.KnowledgeGraph;
import org.cogos.reasoning.internal.kg.KnowledgeGraphStore;

/**
 * Knowledge graph figures: evolveKernelState throughput with 1 and 2 writer threads at 1k, 10k and 100k edges
 * (bounded, with evidence about twice as many facts as fit, so evictions run too); query and traverse latency
 * p50/p99 at 10k and 100k edges; save and load time at 10k and 100k edges. About 50 s on 2 cores.
 *
 * <p>Graph shape: nodes with about 10 outgoing edges each, 20 relations, strengths uniform in (0, 1).
 */
public final class KnowledgeGraphBench {

    private static final int[] SIZES = {1_000, 10_000, 100_000};
    private static final int OUT_DEGREE = 10;
    private static final int RELATIONS = 20;
    private static final long WARMUP_MILLIS = 1_000;
    private static final long MEASURE_MILLIS = 2_000;
    private static final int WARMUP_CALLS = 1_000;
    private static final int MIN_SAMPLES = 1_000;
    private static final int MAX_SAMPLES = 20_000;
    private static final long SAMPLE_BUDGET_NANOS = 1_000_000_000L;
    private static final double LEARNING_RATE = 0.2;

    private KnowledgeGraphBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println("== evolveKernelState throughput (updates/s) ==");
        for (int size : SIZES) {
            for (int threads = 1; threads <= 2; threads++) {
                throughput(size, threads);
            }
        }
        System.out.println("== latency (microseconds) ==");
        for (int size : new int[] {10_000, 100_000}) {
            latencies(size);
        }
        System.out.println("== save / load ==");
        Path directory = Files.createTempDirectory("kg-bench");
        for (int size : new int[] {10_000, 100_000}) {
            saveAndLoad(size, directory);
        }
    }

    private static Evidence[] evidence(int facts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int nodes = Math.max(2, facts / OUT_DEGREE);
        Evidence[] evidence = new Evidence[facts * 4];
        String[] names = names("node-", nodes);
        String[] relations = names("rel-", RELATIONS);
        for (int i = 0; i < evidence.length; i++) {
            int fact = random.nextInt(facts);
            // Three confirmations for each contradiction: strengths spread over (0, 1) instead of all reaching 1.
            boolean positive = random.nextInt(4) != 0;
            evidence[i] = new Evidence(names[fact % nodes], relations[fact % RELATIONS], names[(fact / nodes * 7919
                    + fact) % nodes], positive, 0.5 + 0.5 * random.nextDouble());
        }
        return evidence;
    }

    private static String[] names(String prefix, int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = prefix + i;
        }
        return names;
    }

    private static void throughput(int size, int threads) throws Exception {
        KnowledgeGraph graph = new KnowledgeGraph(size, LEARNING_RATE);
        Evidence[][] streams = new Evidence[threads][];
        for (int t = 0; t < threads; t++) {
            streams[t] = evidence(size * 2, 100 + t);
        }
        run(graph, streams, WARMUP_MILLIS);
        long evictionsBefore = graph.evictions();
        long[] counts = run(graph, streams, MEASURE_MILLIS);
        long total = Arrays.stream(counts).sum();
        System.out.printf(Locale.ROOT, "%7d edges, %d thread(s): %,12.0f updates/s   (size %d, evictions %,d)%n",
                size, threads, total * 1000.0 / MEASURE_MILLIS, graph.size(), graph.evictions() - evictionsBefore);
    }

    private static long[] run(KnowledgeGraph graph, Evidence[][] streams, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams.length);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Long>> workers = new ArrayList<>();
            for (Evidence[] stream : streams) {
                workers.add(pool.submit(() -> {
                    long count = 0;
                    while (!stop.get()) {
                        graph.evolveKernelState(stream[(int) (count % stream.length)]);
                        count++;
                    }
                    return count;
                }));
            }
            Thread.sleep(millis);
            stop.set(true);
            long[] counts = new long[streams.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = workers.get(i).get();
            }
            return counts;
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static KnowledgeGraph filled(int size) {
        KnowledgeGraph graph = new KnowledgeGraph(size, LEARNING_RATE);
        SplittableRandom random = new SplittableRandom(7);
        int nodes = size / OUT_DEGREE;
        String[] names = names("node-", nodes);
        String[] relations = names("rel-", RELATIONS);
        long now = System.currentTimeMillis();
        for (int i = 0; graph.size() < size; i++) {
            graph.put(new Edge(names[i % nodes], relations[random.nextInt(RELATIONS)], names[random.nextInt(nodes)],
                    random.nextDouble(), now, 1));
        }
        return graph;
    }

    private static void latencies(int size) {
        KnowledgeGraph graph = filled(size);
        int nodes = size / OUT_DEGREE;
        SplittableRandom random = new SplittableRandom(11);
        System.out.printf(Locale.ROOT, "-- %d edges, %d nodes --%n", size, nodes);
        measure("get(s, r, o)", i -> graph.get("node-" + random.nextInt(nodes), "rel-" + random.nextInt(RELATIONS),
                "node-" + random.nextInt(nodes)));
        measure("outgoing(s)", i -> graph.outgoing("node-" + random.nextInt(nodes)));
        measure("query(s, null, null, 0.5, 5)", i -> graph.query("node-" + random.nextInt(nodes), null, null, 0.5, 5));
        measure("query(null, r, null, 0.9, 10)", i -> graph.query(null, "rel-" + random.nextInt(RELATIONS), null,
                0.9, 10));
        measure("query(null, null, null, 0.0, 10)", i -> graph.query(null, null, null, 0.0, 10));
        measure("traverse(s, depth 2, min 0.1)", i -> graph.traverse("node-" + random.nextInt(nodes), 2, 0.1));
        measure("traverse(s, depth 3, min 0.1)", i -> graph.traverse("node-" + random.nextInt(nodes), 3, 0.1));
        measure("traverse(s, depth 4, min 0.3)", i -> graph.traverse("node-" + random.nextInt(nodes), 4, 0.3));
    }

    /** Warms up, then times as many calls as fit in about a second (between 1,000 and 20,000). */
    private static void measure(String name, IntConsumer call) {
        long warmupStart = System.nanoTime();
        for (int i = 0; i < WARMUP_CALLS; i++) {
            call.accept(i);
        }
        long perCall = Math.max(1, (System.nanoTime() - warmupStart) / WARMUP_CALLS);
        int samples = (int) Math.max(MIN_SAMPLES, Math.min(MAX_SAMPLES, SAMPLE_BUDGET_NANOS / perCall));
        long[] nanos = new long[samples];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-34s p50 %9.1f   p99 %9.1f   (%d calls)%n", name,
                nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3, samples);
    }

    private static void saveAndLoad(int size, Path directory) throws IOException {
        KnowledgeGraph graph = filled(size);
        KnowledgeGraphStore store = new KnowledgeGraphStore(directory.resolve("kg-" + size + ".jsonl"));
        KnowledgeGraph target = new KnowledgeGraph(size, LEARNING_RATE);
        for (int round = 0; round < 2; round++) {
            // Round 0 warms up the JIT; round 1 is reported.
            long start = System.nanoTime();
            store.save(graph);
            long saved = System.nanoTime();
            store.loadInto(target);
            long loaded = System.nanoTime();
            if (round == 1) {
                System.out.printf(Locale.ROOT, "%7d edges: save %7.1f ms, load %7.1f ms, file %,d bytes, loaded %d%n",
                        size, (saved - start) / 1e6, (loaded - saved) / 1e6, Files.size(store.file()), target.size());
            }
        }
        Files.delete(store.file());
    }
}
