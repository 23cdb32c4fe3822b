package org.cogos.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why an action was decided, in a form that programs and operators can check: the engine, the rules that fired
 * with how reliable each has proven, and the facts (observations of the modules) they used. Sent with the action
 * and shown by {@code cog:explain}.
 *
 * @param engine the decision engine that decided (its {@link DecisionEngine#ENGINE} name)
 * @param rules  the rules that fired, the deciding one first; empty when the engine records none
 * @param facts  the facts the rules used, each naming the observation it came from; empty when not recorded
 */
public record Provenance(String engine, List<RuleUse> rules, List<FactUse> facts) {

    public Provenance {
        Names.requireName("engine", engine);
        rules = List.copyOf(rules);
        facts = List.copyOf(facts);
    }

    /** What an action carries when its engine recorded nothing beyond its reason text. */
    public static Provenance unrecorded(String engine) {
        return new Provenance(engine, List.of(), List.of());
    }

    /**
     * A rule that fired.
     *
     * @param rule        its name
     * @param version     its version: rules can change at run time, and the version says which text decided
     * @param reliability the posterior mean of how often its actions succeeded, 0..1
     * @param successes   outcomes reported as successes so far
     * @param failures    outcomes reported as failures so far
     */
    public record RuleUse(String rule, int version, double reliability, long successes, long failures) {

        public RuleUse {
            Names.requireName("rule", rule);
            requireUnit("reliability", reliability);
        }
    }

    /**
     * A fact a rule used: one detection of one observation.
     *
     * @param role            how the decision used it: a rule variable's name, or {@code support} for a fact
     *                        that corroborates one (the same person seen by another modality, the recording a
     *                        transcript came from)
     * @param modality        the observation's modality, e.g. {@code lidar}
     * @param module          the module that observed it
     * @param perceptSequence the ingest sequence of the percept
     * @param sourceSequence  the robot's own sequence number of the percept, or -1
     * @param label           the detection's label
     * @param confidence      the detection's confidence, 0..1
     * @param statement       the fact in words, e.g. {@code person at 3.02 m bearing 0.10 rad (measured)}
     */
    public record FactUse(String role, String modality, String module, long perceptSequence, long sourceSequence,
            String label, double confidence, String statement) {

        public FactUse {
            Names.requireName("role", role);
            Names.requireName("modality", modality);
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(label, "label");
            requireUnit("confidence", confidence);
            Objects.requireNonNull(statement, "statement");
        }

        /**
         * The fact that {@code detection} of {@code observation} is, in the words every engine uses: {@code person
         * at 3.02 m bearing 0.10 rad}, with {@code (estimated: box_height)} when the distance was not measured, or
         * for an utterance its label and text, {@code help "help me"}.
         */
        public static FactUse of(String role, Observation observation, Detection detection) {
            String statement;
            if (detection.spatial()) {
                statement = String.format(Locale.ROOT, "%s at %.2f m bearing %.2f rad%s", detection.label(),
                        detection.distanceM(), detection.bearingRad(), detection.distanceEstimated()
                                ? " (estimated: " + detection.attributes().get(Detection.DISTANCE_METHOD) + ")"
                                : "");
            } else {
                String text = detection.attributes().get("text");
                statement = text == null ? detection.label() : detection.label() + " \"" + text + "\"";
            }
            return new FactUse(role, observation.modality(), Objects.requireNonNullElse(observation.module(), ""),
                    observation.perceptSequence(), observation.sourceSequence(), detection.label(),
                    detection.confidence(), statement);
        }
    }

    private static void requireUnit(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0,1]: " + value);
        }
    }
}
