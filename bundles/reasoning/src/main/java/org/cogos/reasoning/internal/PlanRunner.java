package org.cogos.reasoning.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.cogos.api.Action;
import org.cogos.api.Scene;
import org.cogos.reasoning.internal.Behaviour.Act;
import org.cogos.reasoning.internal.Behaviour.ActContext;
import org.cogos.reasoning.internal.logic.Fact;
import org.cogos.reasoning.internal.logic.FactKind;
import org.cogos.reasoning.internal.logic.SceneFacts;
import org.cogos.reasoning.internal.plan.Plan;
import org.cogos.reasoning.internal.plan.PlanBuilder;
import org.cogos.reasoning.internal.plan.PlanBuilder.StepBuilder;
import org.cogos.reasoning.internal.plan.PlanExecutor;
import org.cogos.reasoning.internal.plan.PlanResult;
import org.cogos.reasoning.internal.plan.PlanValidator;
import org.cogos.reasoning.internal.plan.PlanValues.Target;
import org.cogos.reasoning.internal.plan.ResourceClaim;
import org.cogos.reasoning.internal.plan.ResourceManager;
import org.cogos.reasoning.internal.plan.ResourceUnavailableException;
import org.cogos.reasoning.internal.plan.StepFunction;
import org.cogos.reasoning.internal.plan.StepResult;
import org.cogos.reasoning.internal.plan.ValidatedPlan;
import org.cogos.reasoning.internal.plan.ValueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardware abstraction of the paper's section 4.4: turns the behaviours that fired into one plan of steps,
 * each claiming what it commands (an actuator, compute) as a linear resource, validates the plan before anything
 * runs (acyclic, typed, no actuator claimed twice) and runs it; each leaf step makes one robot action. Thread-safe.
 */
final class PlanRunner {

    /** A step's product that reaches a robot. */
    static final ValueType<Action> ACTION = ValueType.of("action", Action.class);

    private static final Logger LOG = LoggerFactory.getLogger(PlanRunner.class);

    private final PlanValidator validator;
    private final PlanExecutor executor;
    private final LongAdder plansRejected = new LongAdder();
    private final LongAdder stepsFailed = new LongAdder();

    PlanRunner(ResourceManager resources) {
        this.validator = new PlanValidator(resources);
        this.executor = new PlanExecutor(resources);
    }

    long plansRejected() {
        return plansRejected.sum();
    }

    long stepsFailed() {
        return stepsFailed.sum();
    }

    /** @return the actions of the steps that ran, in the behaviours' priority order */
    List<Action> run(Scene scene, SceneFacts facts, List<Firing> firings, ReasoningOptions options) {
        PlanBuilder plan = Plan.builder("scene-" + scene.sequence(), scene.robotId());
        Map<String, StepFunction> functions = new HashMap<>();
        for (Firing firing : firings) {
            addSteps(plan, functions, scene, facts, firing, options);
        }
        Plan built = plan.build();
        ValidatedPlan validated;
        try {
            validated = validator.require(built);
        } catch (IllegalArgumentException e) {
            plansRejected.increment();
            LOG.error("robot {} scene {}: plan refused, no action sent: {}", scene.robotId(), scene.sequence(),
                    e.getMessage());
            return List.of();
        }
        PlanResult result;
        try {
            result = executor.execute(validated, context -> functions.get(context.step().id()).run(context));
        } catch (ResourceUnavailableException e) {
            // Another decision of this robot still holds the actuators: one the coordinator gave up on after
            // engineTimeoutMs (it asked the next engine for that scene and drops what this one returns) and
            // that is still running. This decision must not command them too, and returning no actions would
            // pass for "nothing to do" and leave the scene undecided (ReasoningEndToEndIT saw it under load): so
            // it fails, and the coordinator asks the next-ranked engine for this scene as well.
            plansRejected.increment();
            throw new IllegalStateException("robot " + scene.robotId() + " scene " + scene.sequence()
                    + ": its resources are held by an earlier decision still running: " + e.getMessage(), e);
        }
        Map<String, Action> byStep = new LinkedHashMap<>();
        for (StepResult step : result.steps()) {
            if (!step.succeeded()) {
                stepsFailed.increment();
                LOG.error("robot {} scene {}: step {} did not run: {}", scene.robotId(), scene.sequence(),
                        step.stepId(), step.failure() == null ? step.status() : step.failure().toString());
            } else if (step.output().equals(ACTION)) {
                byStep.put(step.stepId(), step.value(ACTION));
            }
        }
        List<Action> actions = new ArrayList<>(byStep.size());
        for (var step : built.steps()) {
            Action action = byStep.get(step.id());
            if (action != null) {
                actions.add(action);
            }
        }
        return actions;
    }

    /**
     * Each act is one step claiming its actuator; a located act is preceded by a compute step that locates the
     * bound entity; a joined behaviour's step follows the joined one's instead of claiming the actuator again.
     */
    private static void addSteps(PlanBuilder plan, Map<String, StepFunction> functions, Scene scene,
            SceneFacts facts, Firing firing, ReasoningOptions options) {
        Behaviour behaviour = firing.behaviour();
        String prefix = behaviour.name() + ".";
        for (Act act : behaviour.acts()) {
            String id = prefix + act.type();
            if (act.located() && !functions.containsKey(prefix + "locate")) {
                Fact entity = firing.binding().first(FactKind.ENTITY);
                double distance = entity.number("distance");
                double bearing = entity.number("bearing");
                plan.step(prefix + "locate", "locate").output(ValueType.TARGET).needs(ResourceClaim.compute(1));
                functions.put(prefix + "locate", c -> new Target(entity.text("label"),
                        distance * Math.cos(bearing), distance * Math.sin(bearing)));
            }
            StepBuilder step = plan.step(id, act.type()).output(ACTION);
            if (act.located()) {
                step.input("target", ValueType.TARGET, prefix + "locate");
            }
            if (firing.joined()) {
                Behaviour joined = Behaviour.named(behaviour.joins());
                step.input("after", ACTION, joined.name() + "." + joined.acts().get(0).type());
            } else {
                step.needs(ResourceClaim.actuator(act.actuator()));
            }
            functions.put(id, c -> RababEngine.action(scene, firing, act.type(), act.parameters().of(
                    new ActContext(firing.binding(), facts, options,
                            act.located() ? c.input("target", ValueType.TARGET) : null))));
        }
    }
}
