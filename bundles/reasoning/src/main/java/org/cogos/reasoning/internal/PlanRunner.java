package org.cogos.reasoning.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.cogos.api.Action;
import org.cogos.api.Scene;
import org.cogos.reasoning.internal.logic.Fact;
import org.cogos.reasoning.internal.logic.FactKind;
import org.cogos.reasoning.internal.logic.SceneFacts;
import org.cogos.reasoning.internal.plan.Plan;
import org.cogos.reasoning.internal.plan.PlanBuilder;
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
    List<Action> run(Scene scene, List<Firing> firings, ReasoningOptions options) {
        PlanBuilder plan = Plan.builder("scene-" + scene.sequence(), scene.robotId());
        Map<String, StepFunction> functions = new HashMap<>();
        for (Firing firing : firings) {
            addSteps(plan, functions, scene, firing, options);
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
            // Only when one robot's scenes are decided concurrently, which the coordinator never does (it holds
            // the robot's lock): the other decision holds the actuators, and this one must not command them too.
            plansRejected.increment();
            LOG.error("robot {} scene {}: resources held by another decision, no action sent: {}",
                    scene.robotId(), scene.sequence(), e.getMessage());
            return List.of();
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

    private static void addSteps(PlanBuilder plan, Map<String, StepFunction> functions, Scene scene, Firing firing,
            ReasoningOptions options) {
        String prefix = firing.behaviour().name() + ".";
        switch (firing.behaviour().name()) {
            case Behaviour.STOP -> {
                Fact obstacle = firing.binding().first(FactKind.ENTITY);
                plan.step(prefix + "stop", "stop").output(ACTION).needs(ResourceClaim.actuator("base"));
                functions.put(prefix + "stop", c -> RababEngine.action(scene, firing, "stop", Map.of(
                        "distance_m", obstacle.number("distance"), "bearing_rad", obstacle.number("bearing"),
                        "label", obstacle.text("label"))));
            }
            case Behaviour.ASSIST -> {
                approach(plan, functions, scene, firing, options, prefix);
                speak(plan, functions, scene, firing, prefix, options.helpReply());
            }
            case Behaviour.ANSWER_UNSEEN -> speak(plan, functions, scene, firing, prefix, options.helpUnseenReply());
            case Behaviour.APPROACH -> approach(plan, functions, scene, firing, options, prefix);
            case Behaviour.DRAW -> {
                Fact drawing = firing.binding().first(FactKind.DRAWING);
                String color = drawing.text("color");
                plan.step(prefix + "draw_pixel", "draw_pixel").output(ACTION)
                        .needs(ResourceClaim.actuator("display"));
                functions.put(prefix + "draw_pixel", c -> RababEngine.action(scene, firing, "draw_pixel", Map.of(
                        "x", (int) drawing.number("x"), "y", (int) drawing.number("y"), "color", color,
                        "rgb", SceneFacts.COLORS.get(color))));
            }
            default -> throw new IllegalStateException("no steps for behaviour " + firing.behaviour().name());
        }
    }

    /** Locate the person (compute), then drive to a point {@code standoffM} short of it (the base). */
    private static void approach(PlanBuilder plan, Map<String, StepFunction> functions, Scene scene, Firing firing,
            ReasoningOptions options, String prefix) {
        Fact person = firing.binding().first(FactKind.ENTITY);
        plan.step(prefix + "locate", "locate").output(ValueType.TARGET).needs(ResourceClaim.compute(1));
        plan.step(prefix + "approach", "approach").input("target", ValueType.TARGET, prefix + "locate")
                .output(ACTION).needs(ResourceClaim.actuator("base"));
        double distance = person.number("distance");
        double bearing = person.number("bearing");
        functions.put(prefix + "locate", c -> new Target(person.text("label"), distance * Math.cos(bearing),
                distance * Math.sin(bearing)));
        functions.put(prefix + "approach", c -> {
            Target target = c.input("target", ValueType.TARGET);
            double range = Math.hypot(target.x(), target.y());
            return RababEngine.action(scene, firing, "approach", Map.of("distance_m", range,
                    "bearing_rad", Math.atan2(target.y(), target.x()),
                    "target_distance_m", Math.max(0, range - options.standoffM()), "label", target.label()));
        });
    }

    private static void speak(PlanBuilder plan, Map<String, StepFunction> functions, Scene scene, Firing firing,
            String prefix, String reply) {
        Fact intent = firing.binding().first(FactKind.INTENT);
        plan.step(prefix + "speak", "speak").output(ACTION).needs(ResourceClaim.actuator("speaker"));
        functions.put(prefix + "speak", c -> RababEngine.action(scene, firing, "speak", Map.of("text", reply,
                "in_reply_to", intent.text("text"), "label", RababEngine.HELP)));
    }
}
