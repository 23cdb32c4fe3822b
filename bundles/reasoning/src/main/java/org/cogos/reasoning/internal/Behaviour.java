package org.cogos.reasoning.internal;

import static org.cogos.reasoning.internal.logic.FactKind.DRAWING;
import static org.cogos.reasoning.internal.logic.FactKind.ENTITY;
import static org.cogos.reasoning.internal.logic.FactKind.INTENT;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cogos.reasoning.internal.logic.FactKind;

/**
 * A high-level intent the engine can carry out, such as "approach the person and respond verbally": when its goal
 * predicate holds for some facts of a scene, its steps become robot actions. Behaviours are tried in priority order
 * and each needs its actuators to itself: a decision never gives one actuator two commands.
 *
 * @param name      its name, shown in reasons and provenance
 * @param goal      the predicate that must hold; its parameters are bound to the scene's facts
 * @param safety    a safety behaviour is acted on however unreliable its rule has proven
 * @param unless    another behaviour whose goal, when it holds, makes this one moot (an unseen-person reply is
 *                  wrong when a person asking for help is seen, even if stopping took the base), or null
 * @param kinds     the fact kinds of the goal's parameters, which its steps rely on
 * @param actuators the actuators its steps command
 */
record Behaviour(String name, String goal, boolean safety, String unless, List<FactKind> kinds,
        List<String> actuators) {

    static final String STOP = "stop";
    static final String ASSIST = "assist";
    static final String ANSWER_UNSEEN = "answer_unseen";
    static final String APPROACH = "approach";
    static final String DRAW = "draw";

    Behaviour {
        kinds = List.copyOf(kinds);
        actuators = List.copyOf(actuators);
    }

    /** The behaviours in priority order: safety first, then the call for help, then the rest. */
    static final List<Behaviour> ALL = List.of(
            new Behaviour(STOP, "too_near", true, null, List.of(ENTITY), List.of("base")),
            new Behaviour(ASSIST, "help_for", false, null, List.of(INTENT, ENTITY), List.of("base", "speaker")),
            new Behaviour(ANSWER_UNSEEN, "help_unseen", false, ASSIST, List.of(INTENT), List.of("speaker")),
            new Behaviour(APPROACH, "approach_person", false, null, List.of(ENTITY), List.of("base")),
            new Behaviour(DRAW, "draw_requested", false, null, List.of(DRAWING), List.of("display")));

    /** The parameter kinds of every goal, which rule changes must keep. */
    static Map<String, List<FactKind>> goalSignatures() {
        return ALL.stream().collect(Collectors.toUnmodifiableMap(Behaviour::goal, Behaviour::kinds));
    }
}
