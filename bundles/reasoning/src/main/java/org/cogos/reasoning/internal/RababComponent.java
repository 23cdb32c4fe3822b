package org.cogos.reasoning.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cogos.api.Action;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Scene;
import org.cogos.api.reasoning.KnowledgeEdge;
import org.cogos.api.reasoning.KnowledgePath;
import org.cogos.api.reasoning.PredicateInfo;
import org.cogos.api.reasoning.Reasoner;
import org.cogos.api.ActionAck;
import org.cogos.api.ActionAckListener;
import org.cogos.reasoning.internal.bayes.BetaReliability;
import org.cogos.reasoning.internal.embedding.WordVectors;
import org.cogos.reasoning.internal.kg.Edge;
import org.cogos.reasoning.internal.kg.KnowledgeGraph;
import org.cogos.reasoning.internal.kg.KnowledgeGraphStore;
import org.cogos.reasoning.internal.kg.Reachable;
import org.cogos.reasoning.internal.logic.NeurosymbolicPredicate;
import org.cogos.reasoning.internal.logic.PredicateRegistry;
import org.cogos.reasoning.internal.plan.ResourceManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code reasoning} module: RaBAB as a decision engine ranked above the rules engine, so that loading the
 * module hands decisions to it and removing it hands them back, between two scenes (the coordinator binds the
 * better-ranked engine before it lets the other go). Also the operators' {@link Reasoner} and a listener of robot
 * acks, from which its rules learn their reliability.
 *
 * <p>Deciding never depends on the files: state lives in memory and is saved every {@code saveIntervalS} and at
 * deactivation, so a scene decided while the module stops is decided like any other.
 */
// The ranking is fixed here, typed: Config Admin would hand a .cfg value over as a String, which the framework
// ignores as a ranking, and RaBAB would tie with the rules engine (which the coordinator keeps, being older).
@Component(service = {DecisionEngine.class, Reasoner.class, ActionAckListener.class},
        configurationPid = ReasoningConfig.PID,
        property = {DecisionEngine.ENGINE + "=" + RababEngine.ENGINE, "service.ranking:Integer=10"})
@Designate(ocd = ReasoningConfig.class)
public class RababComponent implements DecisionEngine, Reasoner, ActionAckListener {

    static final String DEFAULT_PREDICATES = "/org/cogos/reasoning/default-predicates.rab";

    private static final Logger LOG = LoggerFactory.getLogger(RababComponent.class);

    private final RababEngine engine;
    private final PredicateStore predicateStore;
    private final KnowledgeGraphStore graphStore;
    private final ScheduledExecutorService saver;

    @Activate
    public RababComponent(ReasoningConfig config, BundleContext context) throws IOException {
        ReasoningOptions options = ReasoningOptions.from(config);
        Path dataDir = dataDir(config.dataDir(), context);
        Files.createDirectories(dataDir);
        predicateStore = new PredicateStore(dataDir.resolve("predicates.json"));
        graphStore = new KnowledgeGraphStore(dataDir.resolve("knowledge-graph.jsonl"));
        KnowledgeGraph graph = new KnowledgeGraph(options.kgMaxEdges(), options.kgLearningRate());
        KnowledgeGraphStore.LoadResult loaded = graphStore.loadInto(graph);
        engine = new RababEngine(options, new PredicateRegistry(Behaviour.goalSignatures()), graph,
                new EmbeddingCache(WordVectors.readBundled()), new PlanRunner(new ResourceManager()));
        int restored = restorePredicates(engine, predicateStore.load());
        saver = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cogos-rabab-save"));
        saver.scheduleWithFixedDelay(this::saveIfChanged, options.saveIntervalS(), options.saveIntervalS(),
                TimeUnit.SECONDS);
        LOG.info("RaBAB active: {} predicates ({}), knowledge graph {} edges ({}), data in {}; {}",
                engine.registry().snapshot().size(), restored > 0 ? "restored" : "shipped defaults", graph.size(),
                loaded.status(), dataDir, options);
    }

    /** Live: replies, standoff, thresholds. The graph's bounds and the save interval apply at the next start. */
    @Modified
    void modified(ReasoningConfig config) {
        try {
            engine.update(ReasoningOptions.from(config));
            LOG.info("RaBAB parameters updated: {} (kgMaxEdges, kgLearningRate and saveIntervalS apply when the "
                    + "module next starts)", engine.options());
        } catch (IllegalArgumentException e) {
            LOG.error("RaBAB keeps {}: {}", engine.options(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        saver.shutdown();
        if (!saver.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("a save of the reasoning state is still running after 10 s");
        }
        engine.markChanged();
        saveIfChanged();
        LOG.info("RaBAB stopped: {} predicates and {} edges saved; {}", engine.registry().snapshot().size(),
                engine.graph().size(), engine.statistics());
    }

    private static Path dataDir(String configured, BundleContext context) {
        if (!configured.isBlank()) {
            return Paths.get(configured);
        }
        // Not the bundle's own data area: cog:rmmod uninstalls the bundle, and the framework deletes that with it.
        String karafData = System.getProperty("karaf.data");
        return karafData != null ? Paths.get(karafData, "cogos", "reasoning")
                : context.getDataFile("").toPath();
    }

    /** @return how many predicates came from the data directory; 0 when the shipped defaults were used */
    private static int restorePredicates(RababEngine engine, List<PredicateStore.Saved> saved) throws IOException {
        PredicateRegistry registry = engine.registry();
        int restored = 0;
        for (PredicateStore.Saved predicate : saved) {
            try {
                NeurosymbolicPredicate registered = registry.restore(predicate.definition(), predicate.version());
                engine.restoreReliability(registered.name(),
                        new BetaReliability(1, 1, predicate.successes(), predicate.failures()));
                restored++;
            } catch (IllegalArgumentException e) {
                LOG.error("saved predicate skipped, {}: {}", e.getMessage(), predicate.definition());
            }
        }
        for (String definition : shippedDefinitions()) {
            try {
                registry.registerIfAbsent(definition);
            } catch (IllegalArgumentException e) {
                // A shipped rule added since the state was saved may not fit a saved rule an operator changed:
                // the engine runs without it (its behaviour never fires) rather than not at all.
                LOG.error("shipped predicate skipped, {}: {}", e.getMessage(), definition);
            }
        }
        return restored;
    }

    /** The shipped definitions: one per line, {@code #} comments and blank lines skipped. */
    static List<String> shippedDefinitions() throws IOException {
        List<String> definitions = new ArrayList<>();
        try (InputStream in = RababComponent.class.getResourceAsStream(DEFAULT_PREDICATES)) {
            if (in == null) {
                throw new IOException(DEFAULT_PREDICATES + " is missing from the bundle");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                    definitions.add(line.strip());
                }
            }
        }
        return definitions;
    }

    /** A failed save is logged and retried at the next interval; deciding goes on from memory. */
    private void saveIfChanged() {
        if (!engine.takeChanged()) {
            return;
        }
        try {
            predicateStore.save(engine.registry().snapshot(), engine);
            graphStore.save(engine.graph());
        } catch (IOException | RuntimeException e) {
            engine.markChanged();
            LOG.error("could not save the reasoning state to {}: {}", predicateStore.file().getParent(),
                    e.toString());
        }
    }

    @Override
    public List<Action> decide(Scene scene) {
        return engine.decide(scene);
    }

    @Override
    public void actionAcknowledged(ActionAck ack) {
        engine.outcome(ack.action(), ack.status() == ActionAck.Status.DONE);
    }

    @Override
    public List<PredicateInfo> predicates() {
        List<PredicateInfo> infos = new ArrayList<>();
        for (NeurosymbolicPredicate p : engine.registry().snapshot().values()) {
            BetaReliability posterior = engine.reliabilityOf(p.name());
            infos.add(new PredicateInfo(p.name(), p.signature(), p.definition(), p.version(), p.neural(),
                    posterior.mean(), Math.round(posterior.successes()), Math.round(posterior.failures()),
                    engine.evaluations(p.name()), engine.holds(p.name())));
        }
        return infos;
    }

    @Override
    public PredicateInfo evolvePredicate(String definition) {
        NeurosymbolicPredicate evolved = engine.registry().evolvePredicate(definition);
        engine.markChanged();
        LOG.info("predicate {} is now version {}: {}", evolved.name(), evolved.version(), evolved.definition());
        return predicates().stream().filter(p -> p.name().equals(evolved.name())).findFirst().orElseThrow();
    }

    @Override
    public List<KnowledgeEdge> knowledge(String subject, String relation, String object, double minStrength,
            int limit) {
        return engine.graph().query(subject, relation, object, minStrength, limit).stream()
                .map(RababComponent::edge).toList();
    }

    @Override
    public List<KnowledgePath> traverse(String start, int maxDepth, double minStrength) {
        List<KnowledgePath> paths = new ArrayList<>();
        for (Reachable reached : engine.graph().traverse(start, maxDepth, minStrength)) {
            List<String> path = new ArrayList<>();
            path.add(start);
            for (Edge edge : reached.path()) {
                path.add(edge.relation());
                path.add(edge.object());
            }
            paths.add(new KnowledgePath(reached.node(), reached.strength(), path));
        }
        return paths;
    }

    private static KnowledgeEdge edge(Edge e) {
        return new KnowledgeEdge(e.subject(), e.relation(), e.object(), e.strength(), e.updates(),
                e.lastUpdatedMillis());
    }
}
