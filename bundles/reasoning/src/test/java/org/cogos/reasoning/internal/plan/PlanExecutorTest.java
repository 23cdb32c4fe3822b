package org.cogos.reasoning.internal.plan;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.cogos.reasoning.internal.plan.ResourceClaim.actuator;
import static org.cogos.reasoning.internal.plan.ResourceClaim.compute;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

public class PlanExecutorTest {

    private static final ValueType<Integer> NUMBER = ValueType.of("number", Integer.class);
    private static final ValueType<String> ACTION = ValueType.of("action", String.class);

    private final ResourceManager resources = new ResourceManager(ResourceCapacities.of(
            List.of("base", "speaker", "display", "gripper"), 64, 1 << 20), Map.of(), LeakPolicy.STRICT);
    private final PlanValidator validator = new PlanValidator(resources);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @After
    public void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    public void runsTheApproachAndRespondDecisionPassingTypedValues() {
        PlanBuilder plan = Plan.builder("scene-7", "r1");
        plan.step("approach", "approach").input("target", ValueType.TARGET, "locate").output(ACTION)
                .needs(actuator("base"));
        plan.step("speak", "speak").output(ACTION).needs(actuator("speaker"));
        plan.step("locate", "locate").output(ValueType.TARGET).needs(compute(1));
        List<String> consumers = Collections.synchronizedList(new ArrayList<>());

        PlanResult result = new PlanExecutor(resources).execute(validator.require(plan.build()), context -> {
            context.resources().forEach(token -> consumers.add(token.id() + " by " + token.usedBy().orElseThrow()));
            return switch (context.step().operation()) {
                case "locate" -> new PlanValues.Target("person", 2.0, 0.5);
                case "approach" -> "approach " + context.input("target", ValueType.TARGET).label();
                case "speak" -> "speak hello";
                default -> throw new IllegalArgumentException(context.step().operation());
            };
        });

        assertTrue(result.unsuccessful().toString(), result.succeeded());
        assertEquals(List.of("speak", "locate", "approach"),
                result.steps().stream().map(StepResult::stepId).toList());
        assertEquals(List.of("speak hello", "approach person"), result.values(ACTION));
        assertEquals(new PlanValues.Target("person", 2.0, 0.5), result.step("locate").value(ValueType.TARGET));
        assertEquals(List.of("actuator:speaker by scene-7/speak", "compute:units by scene-7/locate",
                "actuator:base by scene-7/approach"), consumers);
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void runsStepsInTopologicalOrderInline() {
        ValidatedPlan plan = validator.require(randomDag(new Random(7), 40));
        List<String> ran = new ArrayList<>();

        PlanResult result = new PlanExecutor(resources).execute(plan, context -> {
            ran.add(context.step().id());
            return sumOfInputs(context) + 1;
        });

        assertEquals(plan.topologicalOrder(), ran);
        assertTrue(result.succeeded());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void failingStepFailsItsDependantsAndReleasesTheirTokens() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("a", "fail").output(NUMBER).needs(compute(2));
        plan.step("b", "add").input("x", NUMBER, "a").output(NUMBER).needs(actuator("base"));
        plan.step("c", "add").input("x", NUMBER, "b").output(NUMBER).needs(actuator("speaker"));
        plan.step("d", "add").input("x", NUMBER, "a").input("y", NUMBER, "e").output(NUMBER);
        plan.step("e", "one").output(NUMBER).needs(actuator("display"));
        IllegalStateException boom = new IllegalStateException("camera lost the person");

        PlanResult result = new PlanExecutor(resources).execute(validator.require(plan.build()), context -> {
            if (context.step().operation().equals("fail")) {
                throw boom;
            }
            return sumOfInputs(context) + 1;
        });

        assertFalse(result.succeeded());
        assertEquals(StepStatus.FAILED, result.step("a").status());
        assertSame(boom, result.step("a").failure());
        assertEquals("skipped: upstream step 'a' failed", result.step("b").reason());
        assertEquals("skipped: upstream step 'b' skipped", result.step("c").reason());
        assertEquals("skipped: upstream step 'a' failed", result.step("d").reason());
        assertEquals(1, (int) result.step("e").value(NUMBER));
        assertEquals(List.of("a", "b", "d", "c"), result.unsuccessful().stream().map(StepResult::stepId).toList());
        ResourceCounters counters = resources.counters();
        assertEquals(2, counters.tokensConsumed());
        assertEquals(2, counters.tokensReleased());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void valueOfTheWrongTypeFailsTheStep() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("pick", "pick").output(ValueType.POINT);
        plan.step("draw", "draw_pixel").input("at", ValueType.POINT, "pick").needs(actuator("display"));

        PlanResult result = new PlanExecutor(resources).execute(validator.require(plan.build()),
                context -> "not a point");

        assertEquals("step 'pick' (pick) returned String not a point, expected point<Point>",
                result.step("pick").failure().getMessage());
        assertEquals(StepStatus.SKIPPED, result.step("draw").status());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void refusesToStartWhenAnotherDecisionHoldsAnActuator() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("draw", "draw_pixel").needs(actuator("display"));
        ValidatedPlan validated = validator.require(plan.build());
        List<String> ran = new ArrayList<>();

        try (ResourceLease other = resources.grant("r1", List.of(actuator("display")))) {
            ResourceUnavailableException e = assertThrows(ResourceUnavailableException.class,
                    () -> new PlanExecutor(resources).execute(validated, context -> ran.add("draw")));
            assertTrue(e.getMessage(), e.getMessage().contains("actuator:display requested 1, free 0 of 1"));
            other.consume(other.tokens().get(0), "other decision");
        }
        assertTrue("nothing may run without its resources", ran.isEmpty());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void errorInAStepSkipsTheRestThenPropagatesWithoutLeaking() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("a", "explode").needs(actuator("base"));
        plan.step("b", "fine").needs(actuator("speaker"));
        AssertionError error = new AssertionError("broken step function");

        AssertionError thrown = assertThrows(AssertionError.class, () -> new PlanExecutor(resources).execute(
                validator.require(plan.build()), context -> {
                    if (context.step().id().equals("a")) {
                        throw error;
                    }
                    return null;
                }));

        assertSame(error, thrown);
        assertEquals(1, resources.counters().tokensReleased());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void parallelRunMatchesInlineRunAndRespectsDependencies() {
        Random random = new Random(11);
        for (int round = 0; round < 30; round++) {
            ValidatedPlan plan = validator.require(randomDag(random, 60));
            Set<String> finished = ConcurrentHashMap.newKeySet();
            List<String> violations = Collections.synchronizedList(new ArrayList<>());

            PlanResult parallel = new PlanExecutor(resources, pool).execute(plan, context -> {
                for (StepInput input : context.step().inputs()) {
                    if (!finished.contains(input.fromStep())) {
                        violations.add(context.step().id() + " ran before " + input.fromStep());
                    }
                }
                if (context.step().id().endsWith("7")) {
                    throw new IllegalStateException("seeded failure in " + context.step().id());
                }
                int value = sumOfInputs(context) + 1;
                finished.add(context.step().id());
                return value;
            });
            PlanResult inline = new PlanExecutor(resources).execute(plan, context -> {
                if (context.step().id().endsWith("7")) {
                    throw new IllegalStateException("seeded failure in " + context.step().id());
                }
                return sumOfInputs(context) + 1;
            });

            assertEquals(List.of(), violations);
            assertEquals(plan.topologicalOrder(), parallel.steps().stream().map(StepResult::stepId).toList());
            assertEquals(summary(inline), summary(parallel));
        }
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void independentStepsRunConcurrently() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("approach", "approach").needs(actuator("base"));
        plan.step("speak", "speak").needs(actuator("speaker"));
        CyclicBarrier bothRunning = new CyclicBarrier(2);

        // Each step waits for the other: only a parallel run gets past the barrier.
        PlanResult result = new PlanExecutor(resources, pool).execute(validator.require(plan.build()), context -> {
            bothRunning.await(10, TimeUnit.SECONDS);
            return null;
        });

        assertTrue(result.unsuccessful().toString(), result.succeeded());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void rejectedSubmissionFailsTheStepAndReleasesItsTokens() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("a", "op").needs(actuator("base"));
        plan.step("b", "op").needs(actuator("speaker"));
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();

        PlanResult result = new PlanExecutor(resources, stopped).execute(validator.require(plan.build()),
                context -> null);

        assertTrue(result.step("a").failure() instanceof RejectedExecutionException);
        assertTrue(result.step("b").failure() instanceof RejectedExecutionException);
        assertEquals(2, resources.counters().tokensReleased());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void interruptedCallerSkipsStepsNotYetStartedAndKeepsTheInterrupt() throws Exception {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("a", "op").output(NUMBER).needs(actuator("base"));
        plan.step("b", "op").input("x", NUMBER, "a").needs(actuator("speaker"));
        LinkedBlockingQueue<Runnable> submitted = new LinkedBlockingQueue<>();
        ValidatedPlan validated = validator.require(plan.build());
        AtomicReference<PlanResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            Thread.currentThread().interrupt();
            result.set(new PlanExecutor(resources, submitted::add).execute(validated, context -> 1));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });

        caller.start();
        Runnable stepA = submitted.poll(10, TimeUnit.SECONDS);
        // WAITING is only reached in the wait after the interrupt was seen, i.e. once the run is cancelled.
        await("the caller waits for the run").atMost(10, SECONDS).pollInterval(1, MILLISECONDS)
                .until(() -> caller.getState() == Thread.State.WAITING);
        stepA.run();
        caller.join(10_000);

        assertEquals(StepStatus.SUCCEEDED, result.get().step("a").status());
        assertEquals("skipped: run cancelled", result.get().step("b").reason());
        assertTrue(stillInterrupted.get());
        assertTrue(submitted.isEmpty());
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void inputOfTypeNoneOnlyOrdersSteps() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("speak", "speak").input("after", ValueType.NONE, "approach").needs(actuator("speaker"));
        plan.step("approach", "approach").needs(actuator("base"));
        List<String> ran = new ArrayList<>();

        PlanResult result = new PlanExecutor(resources).execute(validator.require(plan.build()), context -> {
            ran.add(context.step().id());
            return null;
        });

        assertTrue(result.succeeded());
        assertEquals(List.of("approach", "speak"), ran);
        assertPoolsFullAndNoLeaks();
    }

    @Test
    public void stepSeesOnlyItsDeclaredInputs() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("one", "one").output(NUMBER);
        plan.step("use", "use").input("x", NUMBER, "one");

        PlanResult result = new PlanExecutor(resources).execute(validator.require(plan.build()), context -> {
            if (context.step().id().equals("one")) {
                return 1;
            }
            return context.input("x", ValueType.TARGET);
        });

        assertEquals("step 'use' input 'x' is number<Integer>, not target<Target>",
                result.step("use").failure().getMessage());
    }

    private void assertPoolsFullAndNoLeaks() {
        assertEquals(resources.capacities("r1").amounts(), resources.free("r1"));
        ResourceCounters counters = resources.counters();
        assertEquals(0, counters.tokensLeaked());
        assertEquals(counters.leasesOpened(), counters.leasesClosed());
        assertEquals(counters.tokensGranted(), counters.tokensConsumed() + counters.tokensReleased());
    }

    private static int sumOfInputs(StepContext context) {
        int sum = 0;
        for (StepInput input : context.step().inputs()) {
            sum += context.input(input.name(), NUMBER);
        }
        return sum;
    }

    private static List<String> summary(PlanResult result) {
        return result.steps().stream().map(step -> step.stepId() + "=" + step.status() + ":" + step.value()).toList();
    }

    /** A DAG whose step i takes up to three inputs from earlier steps, added in shuffled order. */
    private static Plan randomDag(Random random, int size) {
        List<Step> steps = new ArrayList<>();
        for (int index = 0; index < size; index++) {
            List<StepInput> inputs = new ArrayList<>();
            int fanIn = index == 0 ? 0 : random.nextInt(Math.min(index, 3) + 1);
            for (int input = 0; input < fanIn; input++) {
                inputs.add(new StepInput("in" + input, NUMBER, "s" + random.nextInt(index)));
            }
            steps.add(new Step("s" + index, "add", inputs, NUMBER, List.of(compute(1))));
        }
        Collections.shuffle(steps, random);
        PlanBuilder plan = Plan.builder("dag", "r1");
        steps.forEach(plan::add);
        return plan.build();
    }
}
