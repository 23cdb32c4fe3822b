package org.cogos.bench.reasoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.cogos.reasoning.internal.plan.LeakPolicy;
import org.cogos.reasoning.internal.plan.Plan;
import org.cogos.reasoning.internal.plan.PlanBuilder;
import org.cogos.reasoning.internal.plan.PlanExecutor;
import org.cogos.reasoning.internal.plan.PlanResult;
import org.cogos.reasoning.internal.plan.PlanValidator;
import org.cogos.reasoning.internal.plan.ResourceCapacities;
import org.cogos.reasoning.internal.plan.ResourceClaim;
import org.cogos.reasoning.internal.plan.ResourceLease;
import org.cogos.reasoning.internal.plan.ResourceManager;
import org.cogos.reasoning.internal.plan.StepContext;
import org.cogos.reasoning.internal.plan.StepFunction;
import org.cogos.reasoning.internal.plan.ValueType;

/**
 * Latency of build + validate + execute for plans of 2, 10 and 100 steps (inline, and parallel on a 4-thread
 * pool), and grant/close throughput of the resource manager. Usage: {@code PlanBench [iterations]}.
 */
public final class PlanBench {

    private static final ValueType<Integer> NUMBER = ValueType.of("number", Integer.class);
    private static final StepFunction ADD_INPUTS = PlanBench::addInputs;

    private PlanBench() {
    }

    /** Runs the benchmarks and prints the figures. */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ResourceManager resources = new ResourceManager(ResourceCapacities.of(
                List.of("base", "speaker", "display", "gripper"), 1_000, 1L << 30), Map.of(), LeakPolicy.STRICT);
        PlanValidator validator = new PlanValidator(resources);
        PlanExecutor inline = new PlanExecutor(resources);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %10s %12s%n", "case", "p50 us", "p99 us", "mean us",
                    "ops/s");
            for (int size : new int[] {2, 10, 100}) {
                int runs = Math.max(2_000, iterations / size);
                latency("build+validate+execute " + size + " inline", runs, () -> {
                    PlanResult result = inline.execute(validator.require(plan(size)), ADD_INPUTS);
                    requireSucceeded(result);
                });
                Plan built = plan(size);
                latency("validate only " + size, runs, () -> validator.validate(built));
                latency("build only " + size, runs, () -> plan(size));
            }
            PlanExecutor parallel = new PlanExecutor(resources, pool);
            for (int size : new int[] {2, 10, 100}) {
                int runs = Math.max(1_000, iterations / (size * 10));
                latency("build+validate+execute " + size + " pool4", runs,
                        () -> requireSucceeded(parallel.execute(validator.require(plan(size)), ADD_INPUTS)));
            }
            grantCloseThroughput(resources, 1, iterations * 5);
            grantCloseThroughput(resources, 4, iterations * 5);
            System.out.println("counters: " + resources.counters());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A decision-shaped DAG: step 0 locates, the others fan in from up to two earlier steps; 3 use actuators. */
    private static Plan plan(int size) {
        PlanBuilder plan = Plan.builder("bench", "r1");
        String[] actuators = {"base", "speaker", "display"};
        for (int index = 0; index < size; index++) {
            PlanBuilder.StepBuilder step = plan.step("s" + index, "add").output(NUMBER)
                    .needs(ResourceClaim.compute(1));
            if (index > 0) {
                step.input("a", NUMBER, "s" + (index - 1));
            }
            if (index > 2) {
                step.input("b", NUMBER, "s" + (index / 2));
            }
            if (index >= size - actuators.length) {
                step.needs(ResourceClaim.actuator(actuators[size - 1 - index]));
            }
        }
        return plan.build();
    }

    private static Object addInputs(StepContext context) {
        int sum = 1;
        for (var input : context.step().inputs()) {
            sum += context.input(input.name(), NUMBER);
        }
        return sum;
    }

    private static void requireSucceeded(PlanResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("bench plan failed: " + result.unsuccessful());
        }
    }

    private static void latency(String name, int runs, Runnable body) {
        for (int warm = 0; warm < runs; warm++) {
            body.run();
        }
        long[] nanos = new long[runs];
        long start = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            long before = System.nanoTime();
            body.run();
            nanos[run] = System.nanoTime() - before;
        }
        long total = System.nanoTime() - start;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-34s %10.2f %10.2f %10.2f %12.0f%n", name, nanos[runs / 2] / 1e3,
                nanos[(int) (runs * 0.99)] / 1e3, total / 1e3 / runs, runs / (total / 1e9));
    }

    private static void grantCloseThroughput(ResourceManager resources, int threads, int operations)
            throws InterruptedException {
        List<ResourceClaim> claims = List.of(ResourceClaim.compute(1), ResourceClaim.memory(4096));
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int thread = 0; thread < threads; thread++) {
            String robot = "r" + (thread % 2);
            Thread worker = new Thread(() -> {
                for (int op = 0; op < operations / threads; op++) {
                    try (ResourceLease lease = resources.grant(robot, claims)) {
                        lease.consume(lease.tokens().get(0), "bench");
                        lease.consume(lease.tokens().get(1), "bench");
                    }
                    done.increment();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-34s %10s %10s %10.3f %12.0f%n",
                "grant+consume2+close " + threads + " thr (2 robots)", "-", "-",
                seconds * 1e6 * threads / done.sum(), done.sum() / seconds);
    }
}
