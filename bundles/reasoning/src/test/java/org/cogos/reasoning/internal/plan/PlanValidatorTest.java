package org.cogos.reasoning.internal.plan;

import static org.cogos.reasoning.internal.plan.ResourceClaim.actuator;
import static org.cogos.reasoning.internal.plan.ResourceClaim.compute;
import static org.cogos.reasoning.internal.plan.ResourceClaim.memory;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class PlanValidatorTest {

    private final PlanValidator validator = new PlanValidator(new ResourceManager());

    @Test
    public void validPlanGetsADeterministicTopologicalOrder() {
        PlanBuilder plan = Plan.builder("scene-1", "r1");
        plan.step("speak", "speak").input("text", ValueType.UTTERANCE, "compose").needs(actuator("speaker"));
        plan.step("approach", "approach").input("target", ValueType.TARGET, "locate").needs(actuator("base"));
        plan.step("locate", "locate").output(ValueType.TARGET).needs(compute(2));
        plan.step("compose", "compose").output(ValueType.UTTERANCE).needs(compute(1), memory(4096));

        ValidationResult result = validator.validate(plan.build());

        assertTrue(result.problems().toString(), result.isValid());
        assertEquals(List.of("locate", "compose", "approach", "speak"),
                result.validPlan().topologicalOrder());
    }

    @Test
    public void reportsDuplicateStepIds() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("a", "speak");
        plan.step("b", "speak");
        plan.step("a", "draw_pixel");
        plan.step("a", "approach");

        assertEquals(List.of(new PlanProblem(PlanProblem.Kind.DUPLICATE_STEP_ID, List.of("a"),
                "step id 'a' is used by 3 steps, at positions [0, 2, 3]")), problems(plan));
    }

    @Test
    public void reportsMissingUpstream() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("approach", "approach").input("target", ValueType.TARGET, "locate");

        assertEquals(List.of(new PlanProblem(PlanProblem.Kind.MISSING_UPSTREAM, List.of("approach"),
                "step 'approach' input 'target' needs step 'locate', which is not in the plan")), problems(plan));
    }

    @Test
    public void reportsTypeMismatchNamingBothTypes() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("pick", "pick_point").output(ValueType.POINT);
        plan.step("approach", "approach").input("target", ValueType.TARGET, "pick");
        plan.step("speak", "speak").input("text", ValueType.UTTERANCE, "approach");

        List<PlanProblem> problems = problems(plan);

        assertEquals(2, problems.size());
        assertEquals("step 'approach' input 'target' expects target but step 'pick' produces point",
                problems.get(0).message());
        assertEquals(List.of("approach", "pick"), problems.get(0).stepIds());
        assertEquals("step 'speak' input 'text' expects utterance but step 'approach' produces none",
                problems.get(1).message());
    }

    @Test
    public void typeMismatchBetweenSameNamedTypesShowsTheirClasses() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("count", "count").output(ValueType.of("number", Integer.class));
        plan.step("use", "use").input("n", ValueType.of("number", Long.class), "count");

        assertEquals("step 'use' input 'n' expects number<Long> but step 'count' produces number<Integer>",
                problems(plan).get(0).message());
    }

    @Test
    public void reportsEachCycleOnceWithItsPath() {
        ValueType<Integer> number = ValueType.of("number", Integer.class);
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("a", "op").input("in", number, "c").output(number);
        plan.step("b", "op").input("in", number, "a").output(number);
        plan.step("c", "op").input("in", number, "b").output(number);
        plan.step("after", "op").input("in", number, "c").output(number);
        plan.step("self", "op").input("in", number, "self").output(number);
        plan.step("fine", "op").output(number);

        List<PlanProblem> problems = problems(plan);

        assertEquals(List.of(
                new PlanProblem(PlanProblem.Kind.CYCLE, List.of("a", "b", "c"),
                        "steps form a cycle: a -> b -> c -> a"),
                new PlanProblem(PlanProblem.Kind.CYCLE, List.of("self"), "steps form a cycle: self -> self")),
                problems);
    }

    @Test
    public void cycleReachedFromADownstreamStepIsReportedByItsOwnSteps() {
        ValueType<Integer> number = ValueType.of("number", Integer.class);
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("tail", "op").input("in", number, "y").output(number);
        plan.step("x", "op").input("in", number, "y").output(number);
        plan.step("y", "op").input("in", number, "x").output(number);

        assertEquals(List.of(new PlanProblem(PlanProblem.Kind.CYCLE, List.of("x", "y"),
                "steps form a cycle: x -> y -> x")), problems(plan));
    }

    @Test
    public void reportsTwoStepsClaimingOneActuatorNamingBoth() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("approach", "approach").needs(actuator("base"));
        plan.step("turn", "turn").needs(actuator("base"));
        plan.step("wave", "wave").needs(actuator("gripper"), actuator("gripper"));

        List<PlanProblem> problems = problems(plan);

        assertEquals(List.of(
                new PlanProblem(PlanProblem.Kind.ACTUATOR_CONFLICT, List.of("approach", "turn"),
                        "steps 'approach' and 'turn' both claim actuator:base: one decision cannot send it two "
                                + "commands"),
                new PlanProblem(PlanProblem.Kind.ACTUATOR_CONFLICT, List.of("wave"),
                        "step 'wave' claims actuator:gripper more than once")), problems);
    }

    @Test
    public void reportsResourcesTheRobotDoesNotHave() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("fly", "fly").needs(actuator("wings"), actuator("wings"));

        assertEquals(List.of(new PlanProblem(PlanProblem.Kind.UNKNOWN_RESOURCE, List.of("fly"),
                "step 'fly' needs actuator:wings, which robot 'r1' does not have")), problems(plan));
    }

    @Test
    public void reportsBudgetExceededNamingTheClaimants() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("embed", "embed").needs(compute(10), memory(ResourceCapacities.DEFAULT_MEMORY_BYTES));
        plan.step("match", "match").needs(compute(7));

        assertEquals(List.of(new PlanProblem(PlanProblem.Kind.BUDGET_EXCEEDED, List.of("embed", "match"),
                "plan needs 17 of compute:units but robot 'r1' has 16 (claimed by steps [embed, match])")),
                problems(plan));
    }

    @Test
    public void reportsEveryProblemAtOnce() {
        PlanBuilder plan = Plan.builder("p", "r1");
        plan.step("a", "op").input("t", ValueType.TARGET, "ghost").needs(actuator("base"));
        plan.step("a", "op").needs(actuator("base"));
        plan.step("b", "op").input("t", ValueType.TARGET, "c").output(ValueType.TARGET);
        plan.step("c", "op").input("t", ValueType.POINT, "b").output(ValueType.TARGET).needs(compute(99));

        ValidationResult result = validator.validate(plan.build());

        assertFalse(result.isValid());
        assertEquals(List.of(PlanProblem.Kind.DUPLICATE_STEP_ID, PlanProblem.Kind.MISSING_UPSTREAM,
                PlanProblem.Kind.TYPE_MISMATCH, PlanProblem.Kind.CYCLE, PlanProblem.Kind.ACTUATOR_CONFLICT,
                PlanProblem.Kind.BUDGET_EXCEEDED), result.problems().stream().map(PlanProblem::kind).toList());
        PlanRejectedException e = assertThrows(PlanRejectedException.class, result::validPlan);
        assertEquals(result.problems(), e.problems());
        assertTrue(e.getMessage(), e.getMessage().contains("steps form a cycle: b -> c -> b"));
        assertThrows(PlanRejectedException.class, () -> validator.require(plan.build()));
    }

    @Test
    public void emptyPlanIsValid() {
        assertTrue(validator.validate(Plan.builder("idle", "r1").build()).isValid());
    }

    @Test
    public void builderRejectsMalformedSteps() {
        PlanBuilder plan = Plan.builder("p", "r1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.step("bad id", "op"));
        assertTrue(e.getMessage(), e.getMessage().contains("'bad id'"));
        plan.step("twice", "op").input("x", ValueType.TARGET, "a").input("x", ValueType.TARGET, "b");
        e = assertThrows(IllegalArgumentException.class, plan::build);
        assertEquals("step 'twice' has two inputs named 'x'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ValueType.of("Target", Object.class));
        assertTrue(e.getMessage(), e.getMessage().contains("'Target'"));
    }

    private List<PlanProblem> problems(PlanBuilder plan) {
        return validator.validate(plan.build()).problems();
    }
}
