package org.cogos.reasoning.internal;

import static org.cogos.reasoning.internal.logic.FactKind.DRAWING;
import static org.cogos.reasoning.internal.logic.FactKind.ENTITY;
import static org.cogos.reasoning.internal.logic.FactKind.INTENT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cogos.reasoning.internal.logic.Fact;
import org.cogos.reasoning.internal.logic.FactKind;
import org.cogos.reasoning.internal.logic.SceneFacts;
import org.cogos.reasoning.internal.plan.PlanValues.Target;

/**
 * A high-level intent the engine can carry out, such as "approach the person and respond verbally": when its goal
 * predicate holds for some facts of a scene, its acts become robot actions. Behaviours are tried in priority order
 * and each needs its actuators to itself: a decision never gives one actuator two commands. When a behaviour
 * fires is its goal's business, a rule {@code rabab:evolve} can change; what it sends is its acts' (docs/actions.md).
 *
 * @param name   its name, shown in reasons and provenance
 * @param goal   the predicate that must hold; its parameters are bound to the scene's facts
 * @param safety a safety behaviour is acted on however unreliable its rule has proven
 * @param unless another behaviour whose goal, when it holds, makes this one moot (an unseen-person reply is wrong
 *               when a person asking for help is seen, even if stopping took the base), or null
 * @param joins  a behaviour that gives the same command to the same actuator, or null: when it fired, this one's
 *               acts follow its acts instead of claiming the actuator (a spoken stop beside an obstacle stop)
 * @param role   the provenance role of the bound intent instead of its parameter's name (the coordinator knows a
 *               resume by it), or null
 * @param kinds  the fact kinds of the goal's parameters, which its acts rely on
 * @param acts   the actions it sends, in order
 */
record Behaviour(String name, String goal, boolean safety, String unless, String joins, String role,
        List<FactKind> kinds, List<Act> acts) {

    static final String STOP = "stop";
    static final String STOP_COMMAND = "stop_command";
    static final String RESUME = "resume";
    static final String ASSIST = "assist";
    static final String ANSWER_UNSEEN = "answer_unseen";
    static final String APPROACH = "approach";
    static final String DRAW = "draw";

    /** The actuators the acts command. */
    static final String BASE = "base";
    static final String SPEAKER = "speaker";
    static final String DISPLAY = "display";

    /** Defaults of docs/actions.md for what was not said: one metre, a quarter turn (a half for "around"). */
    static final double DEFAULT_DISTANCE_M = 1;
    static final double DEFAULT_TURN_RAD = Math.PI / 2;
    static final double AROUND_RAD = Math.PI;

    Behaviour {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(goal, "goal");
        kinds = List.copyOf(kinds);
        acts = List.copyOf(acts);
    }

    /**
     * One action a behaviour sends.
     *
     * @param type       the action's type (docs/actions.md)
     * @param actuator   the actuator its step claims
     * @param located    whether a compute step first locates the bound entity as a target in the robot's frame
     * @param parameters the action's parameters from the bound facts
     */
    record Act(String type, String actuator, boolean located, Parameters parameters) {
    }

    /** Makes an act's parameters. */
    @FunctionalInterface
    interface Parameters {
        Map<String, Object> of(ActContext context);
    }

    /**
     * What an act's parameters are made from.
     *
     * @param binding the facts the goal held for
     * @param facts   the whole scene's facts (a description names what is seen)
     * @param options the engine's parameters
     * @param target  the located entity, or null when the act is not located
     */
    record ActContext(Binding binding, SceneFacts facts, ReasoningOptions options, Target target) {

        Fact intent() {
            return binding.first(INTENT);
        }

        Fact entity() {
            return binding.first(ENTITY);
        }

        /** An intent's slot, {@code ""} when not said. */
        String slot(String field) {
            return intent().text(field);
        }

        double targetDistance() {
            return Math.hypot(target.x(), target.y());
        }

        double targetBearing() {
            return Math.atan2(target.y(), target.x());
        }
    }

    /** Parameters in order, leaving out the optional ones that were not said ({@code ""}). */
    private static final class Params {

        private final Map<String, Object> values = new LinkedHashMap<>();

        Params put(String name, Object value) {
            values.put(name, value);
            return this;
        }

        Params said(String name, String value) {
            if (!value.isEmpty()) {
                values.put(name, value);
            }
            return this;
        }

        Map<String, Object> map() {
            return values;
        }
    }

    private static Act act(String type, String actuator, Parameters parameters) {
        return new Act(type, actuator, false, parameters);
    }

    private static Act located(String type, Parameters parameters) {
        return new Act(type, BASE, true, parameters);
    }

    private static Act speak(String label, Function<ActContext, String> text) {
        return act("speak", SPEAKER, c -> new Params().put("text", text.apply(c))
                .put("in_reply_to", c.slot("text")).put("label", label).map());
    }

    private static Behaviour of(String name, String goal, List<FactKind> kinds, Act... acts) {
        return new Behaviour(name, goal, false, null, null, null, kinds, List.of(acts));
    }

    private static Behaviour unless(String name, String goal, String unless, List<FactKind> kinds, Act... acts) {
        return new Behaviour(name, goal, false, unless, null, null, kinds, List.of(acts));
    }

    private static final List<FactKind> I = List.of(INTENT);
    private static final List<FactKind> IE = List.of(INTENT, ENTITY);

    /** An approach to a person: along its bearing, ending {@code standoffM} short of it. */
    private static Map<String, Object> towards(ActContext c) {
        double range = c.targetDistance();
        return new Params().put("distance_m", range).put("bearing_rad", c.targetBearing())
                .put("target_distance_m", Math.max(0, range - c.options().standoffM()))
                .put("label", c.target().label()).map();
    }

    /** The object a command is about, with its colour when one was said. */
    private static Params object(ActContext c) {
        return new Params().put("object", c.slot("object")).said("colour", c.slot("colour"));
    }

    private static Map<String, Object> move(ActContext c) {
        double quantity = c.intent().number("quantity");
        String direction = c.slot("direction");
        return new Params().put("direction", direction.isEmpty() ? "forward" : direction)
                .put("distance_m", quantity > 0 ? quantity : DEFAULT_DISTANCE_M).map();
    }

    /** REP 103: counter-clockwise (left) is positive. */
    private static Map<String, Object> turn(ActContext c) {
        double quantity = c.intent().number("quantity");
        String direction = c.slot("direction");
        double angle = quantity >= 0 ? quantity : direction.equals("around") ? AROUND_RAD : DEFAULT_TURN_RAD;
        return new Params().put("angle_rad", direction.equals("right") ? -angle : angle).map();
    }

    private static Map<String, Object> bring(ActContext c, boolean seen) {
        Params params = object(c).said("recipient", c.slot("recipient")).said("location", c.slot("location"));
        if (seen) {
            params.put("bearing_rad", c.targetBearing()).put("distance_m", c.targetDistance());
        }
        return params.map();
    }

    /**
     * The behaviours in priority order: the safety stops first (an obstacle, then a spoken stop), then resuming,
     * the call for help and the other commands, then what the robot does of its own accord, then the answers to
     * what was not understood.
     */
    static final List<Behaviour> ALL = List.of(
            new Behaviour(STOP, "too_near", true, null, null, null, List.of(ENTITY), List.of(act("stop", BASE,
                    c -> new Params().put("cause", "obstacle").put("distance_m", c.entity().number("distance"))
                            .put("bearing_rad", c.entity().number("bearing")).put("label", c.entity().text("label"))
                            .map()))),
            new Behaviour(STOP_COMMAND, "stop_commanded", true, null, STOP, null, I, List.of(act("stop", BASE,
                    c -> new Params().put("cause", "command").put("in_reply_to", c.slot("text")).put("label", "command")
                            .map()))),
            new Behaviour(RESUME, "resume_requested", false, null, null, RESUME, I,
                    List.of(speak("confirm", c -> Replies.RESUMING))),
            of(ASSIST, "help_for", IE, located("approach", Behaviour::towards),
                    speak("help", c -> c.options().helpReply())),
            unless(ANSWER_UNSEEN, "help_unseen", ASSIST, I, speak("help", c -> c.options().helpUnseenReply())),
            of("move", "move_commanded", I, act("move", BASE, Behaviour::move)),
            of("turn", "turn_commanded", I, act("turn", BASE, Behaviour::turn)),
            of("navigate", "navigate_commanded", I, act("navigate", BASE,
                    c -> new Params().put("location", c.slot("location")).map())),
            of("wait", "wait_commanded", I, act("wait", BASE, c -> c.intent().number("quantity") >= 0
                    ? new Params().put("duration_s", c.intent().number("quantity")).map() : Map.<String, Object>of())),
            of("pick", "pick_seen", IE, located("pick", c -> object(c).put("bearing_rad", c.targetBearing())
                    .put("distance_m", c.targetDistance()).map())),
            unless("pick_unseen", "pick_commanded", "pick", I, speak("unseen", Replies::unseen)),
            of("place", "place_commanded", I, act("place", BASE, c -> new Params().put("object", c.slot("object"))
                    .said("location", c.slot("location")).map())),
            of("bring", "bring_seen", IE, located("bring", c -> bring(c, true))),
            unless("bring_search", "bring_commanded", "bring", I, act("bring", BASE, c -> bring(c, false))),
            of("point_out", "find_seen", IE, speak("found", Replies::where)),
            unless("find", "find_commanded", "point_out", I, act("find", BASE, c -> object(c).map())),
            of("follow", "follow_person", IE, located("follow", c -> new Params().put("label", c.target().label())
                    .put("distance_m", c.targetDistance()).put("bearing_rad", c.targetBearing()).map())),
            unless("follow_unseen", "follow_commanded", "follow", I, speak("unseen", Replies::unseen)),
            of("come", "come_person", IE, located("come", Behaviour::towards)),
            unless("come_unseen", "come_commanded", "come", I, speak("unseen", Replies::unseen)),
            of("describe", "describe_requested", I, speak("describe", c -> Replies.describe(c.facts()))),
            of("greet", "greet_requested", I, speak("greet", c -> Replies.HELLO)),
            of(APPROACH, "approach_person", List.of(ENTITY), located("approach", Behaviour::towards)),
            of(DRAW, "draw_requested", List.of(DRAWING), act("draw_pixel", DISPLAY, c -> {
                Fact drawing = c.binding().first(DRAWING);
                String color = drawing.text("color");
                return Map.of("x", (int) drawing.number("x"), "y", (int) drawing.number("y"), "color", color,
                        "rgb", SceneFacts.COLORS.get(color));
            })),
            of("confirm", "unsure", I, speak("confirm", c -> "Did you say: " + Replies.quoted(c) + "?")),
            unless("not_understood", "not_understood", DRAW, I,
                    speak("unknown", c -> "Sorry, I did not understand: " + Replies.quoted(c) + ".")));

    private static final Map<String, Behaviour> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Behaviour::name, b -> b));

    /** @return the behaviour of that name */
    static Behaviour named(String name) {
        Behaviour behaviour = BY_NAME.get(name);
        if (behaviour == null) {
            throw new IllegalArgumentException("no behaviour " + name);
        }
        return behaviour;
    }

    /** The actuators its acts command. */
    List<String> actuators() {
        return acts.stream().map(Act::actuator).distinct().toList();
    }

    /** The parameter kinds of every goal, which rule changes must keep. */
    static Map<String, List<FactKind>> goalSignatures() {
        return ALL.stream().collect(Collectors.toUnmodifiableMap(Behaviour::goal, Behaviour::kinds));
    }
}
