package org.cogos.reasoning.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.cogos.api.Action;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.cogos.api.Scene;
import org.cogos.reasoning.internal.bayes.BetaReliability;
import org.cogos.reasoning.internal.kg.Evidence;
import org.cogos.reasoning.internal.kg.KnowledgeGraph;
import org.cogos.reasoning.internal.logic.Evaluation;
import org.cogos.reasoning.internal.logic.Fact;
import org.cogos.reasoning.internal.logic.FactKind;
import org.cogos.reasoning.internal.logic.NeurosymbolicPredicate;
import org.cogos.reasoning.internal.logic.PredicateRegistry;
import org.cogos.reasoning.internal.logic.SceneFacts;
import org.cogos.reasoning.internal.logic.SceneFacts.Referent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RaBAB without OSGi: a scene's facts are bound to the behaviours' goal predicates, the behaviours that hold become
 * one plan whose steps claim the robot's actuators as linear resources, the validated plan runs and its steps make
 * the actions, each with its provenance. Robot acks update the rules' reliability; scenes and acks update the
 * knowledge graph. Thread-safe: robots are decided in parallel, one registry snapshot per scene.
 */
final class RababEngine {

    static final String ENGINE = "rabab";
    /**
     * Robots whose last commanded object is remembered for "it"/"them", least recently deciding forgotten first:
     * a bound like the engine's other tables, far above the robots one cogos serves.
     */
    static final int MAX_REFERENTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RababEngine.class);

    private final PredicateRegistry registry;
    private final KnowledgeGraph graph;
    private final EmbeddingCache embeddings;
    private final PlanRunner plans;
    private final ConcurrentMap<String, BetaReliability> reliability = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PredicateCounters> counters = new ConcurrentHashMap<>();
    private final Map<String, Referent> referents = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Referent> eldest) {
                    return size() > MAX_REFERENTS;
                }
            });
    private final AtomicBoolean changed = new AtomicBoolean();
    private final LongAdder bindingsSkipped = new LongAdder();
    private final LongAdder unreliableSkipped = new LongAdder();
    private volatile ReasoningOptions options;

    RababEngine(ReasoningOptions options, PredicateRegistry registry, KnowledgeGraph graph,
            EmbeddingCache embeddings, PlanRunner plans) {
        this.options = options;
        this.registry = registry;
        this.graph = graph;
        this.embeddings = embeddings;
        this.plans = plans;
    }

    void update(ReasoningOptions newOptions) {
        options = newOptions;
    }

    ReasoningOptions options() {
        return options;
    }

    PredicateRegistry registry() {
        return registry;
    }

    KnowledgeGraph graph() {
        return graph;
    }

    /** @return whether predicates, reliabilities or the graph changed since the last call; clears the mark */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    void markChanged() {
        changed.set(true);
    }

    BetaReliability reliabilityOf(String predicate) {
        return reliability.getOrDefault(predicate, BetaReliability.uniformPrior());
    }

    void restoreReliability(String predicate, BetaReliability posterior) {
        reliability.put(predicate, posterior);
    }

    long evaluations(String predicate) {
        PredicateCounters c = counters.get(predicate);
        return c == null ? 0 : c.evaluations.sum();
    }

    long holds(String predicate) {
        PredicateCounters c = counters.get(predicate);
        return c == null ? 0 : c.holds.sum();
    }

    long unreliableSkipped() {
        return unreliableSkipped.sum();
    }

    /** The counts of what was not acted on, for the log: each is a reason a robot got less than it might have. */
    String statistics() {
        return bindingsSkipped.sum() + " fact combinations skipped beyond maxBindings, " + unreliableSkipped.sum()
                + " behaviours not acted on as unreliable, " + plans.plansRejected() + " plans refused, "
                + plans.stepsFailed() + " steps failed";
    }

    List<Action> decide(Scene scene) {
        ReasoningOptions opts = options;
        Map<String, NeurosymbolicPredicate> predicates = registry.snapshot();
        SceneFacts facts = SceneFacts.of(scene, referents.get(scene.robotId()));
        SceneEvaluation evaluation = new SceneEvaluation(predicates);
        Map<String, Binding> bound = new HashMap<>();
        Set<String> claimed = new HashSet<>();
        List<Firing> firings = new ArrayList<>();
        for (Behaviour behaviour : Behaviour.ALL) {
            NeurosymbolicPredicate goal = predicates.get(behaviour.goal());
            Binding best = goal == null ? null : bestBinding(goal, facts, evaluation, opts.maxBindings());
            if (best == null) {
                continue;
            }
            bound.put(behaviour.name(), best);
            if (behaviour.unless() != null && bound.containsKey(behaviour.unless())) {
                continue;
            }
            BetaReliability posterior = reliabilityOf(goal.name());
            if (!behaviour.safety() && posterior.mean() < opts.minReliability()) {
                unreliableSkipped.increment();
                continue;
            }
            boolean joined = behaviour.joins() != null
                    && firings.stream().anyMatch(f -> f.behaviour().name().equals(behaviour.joins()));
            if (!joined) {
                if (behaviour.actuators().stream().anyMatch(claimed::contains)) {
                    continue; // a more urgent behaviour has the actuator: one command per actuator and decision
                }
                claimed.addAll(behaviour.actuators());
            }
            firings.add(new Firing(behaviour, best, provenance(behaviour, best, predicates, facts), joined));
        }
        learn(scene, facts, firings);
        remember(scene.robotId(), firings);
        return firings.isEmpty() ? List.of() : plans.run(scene, facts, firings, opts);
    }

    /**
     * The object of a command that fired becomes what "it" and "them" refer to in the robot's next commands (a
     * request about the speaker or the scene is about no object).
     */
    private void remember(String robot, List<Firing> firings) {
        for (Firing firing : firings) {
            for (Fact fact : firing.binding().facts()) {
                if (fact.kind() == FactKind.INTENT && Boolean.TRUE.equals(fact.get("fresh"))
                        && SceneFacts.isThing(fact.text("object"))) {
                    referents.put(robot, new Referent(fact.text("object"), fact.text("colour")));
                    return;
                }
            }
        }
    }

    /** The binding the goal holds for that the behaviour prefers ({@link Binding#cost}), or null. */
    private Binding bestBinding(NeurosymbolicPredicate goal, SceneFacts facts, SceneEvaluation evaluation,
            int maxBindings) {
        int arity = goal.parameters().size();
        List<List<Fact>> candidates = new ArrayList<>(arity);
        long combinations = 1;
        for (int i = 0; i < arity; i++) {
            List<Fact> ofKind = facts.of(goal.parameters().get(i).kind());
            if (ofKind.isEmpty()) {
                return null;
            }
            candidates.add(ofKind);
            combinations = Math.min(Long.MAX_VALUE / 1024, combinations * ofKind.size());
        }
        if (combinations > maxBindings) {
            bindingsSkipped.add(combinations - maxBindings);
        }
        Binding best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int[] index = new int[arity];
        for (long tried = 0; tried < Math.min(combinations, maxBindings); tried++) {
            Fact[] arguments = new Fact[arity];
            for (int i = 0; i < arity; i++) {
                arguments[i] = candidates.get(i).get(index[i]);
            }
            if (evaluation.test(goal, arguments)) {
                Binding binding = new Binding(goal, arguments);
                double cost = binding.cost();
                if (cost < bestCost) {
                    best = binding;
                    bestCost = cost;
                }
            }
            for (int i = arity - 1; i >= 0 && ++index[i] == candidates.get(i).size(); i--) {
                index[i] = 0;
            }
        }
        return best;
    }

    /** The goal, then every predicate it calls, each with its version and reliability; then the facts. */
    private Provenance provenance(Behaviour behaviour, Binding binding,
            Map<String, NeurosymbolicPredicate> predicates, SceneFacts facts) {
        Set<String> rules = new LinkedHashSet<>();
        collectRules(binding.predicate().name(), predicates, rules);
        List<RuleUse> ruleUses = new ArrayList<>(rules.size());
        for (String rule : rules) {
            BetaReliability posterior = reliabilityOf(rule);
            ruleUses.add(new RuleUse(rule, predicates.get(rule).version(), posterior.mean(),
                    Math.round(posterior.successes()), Math.round(posterior.failures())));
        }
        List<FactUse> factUses = bound(behaviour, binding);
        factUses.addAll(support(binding, facts));
        return new Provenance(ENGINE, ruleUses, factUses);
    }

    private static void collectRules(String name, Map<String, NeurosymbolicPredicate> predicates, Set<String> into) {
        NeurosymbolicPredicate predicate = predicates.get(name);
        if (predicate != null && into.add(name)) {
            predicate.calls().forEach(callee -> collectRules(callee, predicates, into));
        }
    }

    /** The bound facts, each in the role of its parameter, or of the behaviour's role for its intent. */
    private static List<FactUse> bound(Behaviour behaviour, Binding binding) {
        List<FactUse> uses = new ArrayList<>();
        Fact[] facts = binding.facts();
        for (int i = 0; i < facts.length; i++) {
            String role = behaviour.role() != null && facts[i].kind() == FactKind.INTENT ? behaviour.role()
                    : binding.role(i);
            uses.add(FactUse.of(role, facts[i].observation(), facts[i].detection()));
        }
        return uses;
    }

    /**
     * Facts of the scene that corroborate the bound ones, as {@code support}: the same label seen by another
     * modality (the camera's person for the LIDAR's), and the recording an utterance was transcribed from (a
     * transcript keeps the recording's percept sequence).
     */
    private static List<FactUse> support(Binding binding, SceneFacts facts) {
        List<FactUse> support = new ArrayList<>();
        Set<String> modalities = new HashSet<>();
        for (Fact fact : binding.facts()) {
            modalities.add(fact.observation().modality());
        }
        for (Fact fact : binding.facts()) {
            if (fact.kind() == FactKind.ENTITY) {
                for (Fact other : facts.of(FactKind.ENTITY)) {
                    if (other.text("label").equals(fact.text("label"))
                            && modalities.add(other.observation().modality())) {
                        support.add(FactUse.of("support", other.observation(), other.detection()));
                    }
                }
            } else if (fact.kind() == FactKind.INTENT) {
                for (Fact sound : facts.of(FactKind.SOUND)) {
                    if (sound.observation().perceptSequence() == fact.observation().perceptSequence()
                            && modalities.add(sound.observation().modality())) {
                        support.add(FactUse.of("support", sound.observation(), sound.detection()));
                    }
                }
            }
        }
        return support;
    }

    /**
     * evolveKernelState from observations: what the robot sees and hears, and for a call for help aligned with a
     * person, how strongly the neural layer related them.
     */
    private void learn(Scene scene, SceneFacts facts, List<Firing> firings) {
        List<Evidence> evidence = new ArrayList<>();
        String robot = scene.robotId();
        for (FactKind kind : FactKind.values()) {
            for (Fact fact : facts.of(kind)) {
                double confidence = fact.detection().confidence();
                String label = fact.detection().label();
                if (confidence > 0 && !"unknown".equals(label)) {
                    evidence.add(Evidence.confirmed(robot, kind == FactKind.ENTITY ? "sees" : "hears", label,
                            confidence));
                }
            }
        }
        for (Firing firing : firings) {
            if (firing.behaviour().name().equals(Behaviour.ASSIST)) {
                Fact intent = firing.binding().first(FactKind.INTENT);
                Fact entity = firing.binding().first(FactKind.ENTITY);
                double similarity = embeddings.similarity(intent.meaning(), entity.meaning());
                if (similarity > 0) {
                    evidence.add(Evidence.confirmed(intent.detection().label(), "refers_to",
                            entity.detection().label(), Math.min(1, similarity)));
                }
            }
        }
        if (!evidence.isEmpty()) {
            graph.evolveKernelState(evidence);
            changed.set(true);
        }
    }

    /**
     * A robot's outcome for one of RaBAB's actions: every rule in its provenance becomes more or less reliable,
     * and the graph learns whether the rule works for that robot. Outcomes of other engines' actions are ignored.
     *
     * @return whether the outcome was RaBAB's and was learnt from
     */
    boolean outcome(Action action, boolean success) {
        Provenance provenance = action.provenance();
        if (!ENGINE.equals(provenance.engine())) {
            return false;
        }
        for (RuleUse rule : provenance.rules()) {
            reliability.compute(rule.rule(), (name, posterior) ->
                    (posterior == null ? BetaReliability.uniformPrior() : posterior).update(success));
        }
        if (!provenance.rules().isEmpty()) {
            String goal = provenance.rules().get(0).rule();
            graph.evolveKernelState(success ? Evidence.confirmed(goal, "works_for", action.robotId(), 1)
                    : Evidence.contradicted(goal, "works_for", action.robotId(), 1));
        }
        changed.set(true);
        return true;
    }

    /** The reason line of an action: the behaviour, its rule with version and reliability, and the facts. */
    static String reason(Firing firing) {
        Provenance provenance = firing.provenance();
        RuleUse goal = provenance.rules().get(0);
        String facts = provenance.facts().stream()
                .map(f -> f.role() + " = " + f.statement() + " (" + f.modality() + " seq "
                        + (f.sourceSequence() >= 0 ? f.sourceSequence() : f.perceptSequence()) + ")")
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s %s: %s v%d (reliability %.2f) holds for %s", ENGINE,
                firing.behaviour().name(), goal.rule(), goal.version(), goal.reliability(), facts);
    }

    static Action action(Scene scene, Firing firing, String type, Map<String, Object> parameters) {
        long sourceSequence = scene.trigger() == null ? -1 : scene.trigger().sourceSequence();
        return new Action(UUID.randomUUID().toString(), scene.robotId(), type, parameters,
                System.currentTimeMillis(), reason(firing), scene.sequence(), sourceSequence, firing.provenance());
    }

    /** Evaluates predicates over one scene with one registry snapshot, counting every evaluation. */
    private final class SceneEvaluation implements Evaluation {

        private final Map<String, NeurosymbolicPredicate> predicates;

        SceneEvaluation(Map<String, NeurosymbolicPredicate> predicates) {
            this.predicates = predicates;
        }

        boolean test(NeurosymbolicPredicate predicate, Fact[] arguments) {
            boolean held = predicate.test(arguments, this);
            counters.computeIfAbsent(predicate.name(), name -> new PredicateCounters()).record(held);
            return held;
        }

        @Override
        public double similarity(Fact a, Fact b) {
            return embeddings.similarity(a.meaning(), b.meaning());
        }

        @Override
        public boolean holds(String predicate, Fact[] arguments) {
            return test(predicates.get(predicate), arguments);
        }
    }
}
