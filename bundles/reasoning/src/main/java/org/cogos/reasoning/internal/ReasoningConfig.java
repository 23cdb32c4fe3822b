package org.cogos.reasoning.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the RaBAB engine (PID {@value #PID}); the bounds are enforced by {@link ReasoningOptions}. */
@ObjectClassDefinition(id = ReasoningConfig.PID, name = "cogos RaBAB reasoning engine",
        description = "Neurosymbolic decision engine: typed predicates, knowledge graph, word embeddings, "
                + "reliability learnt from robot acks; every action carries its provenance.")
public @interface ReasoningConfig {

    String PID = "org.cogos.reasoning";

    // Bounds are constants so that the module's Options check the very numbers Metatype shows (the
    // annotation is not visible at run time); cog:param reads them from the Metatype.
    String SAVE_INTERVAL_S_MIN = "1";
    String SAVE_INTERVAL_S_MAX = "3600";
    String KG_MAX_EDGES_MIN = "100";
    String KG_MAX_EDGES_MAX = "10000000";
    String KG_LEARNING_RATE_MIN = "0.001";
    String KG_LEARNING_RATE_MAX = "1";
    String MAX_BINDINGS_MIN = "1";
    String MAX_BINDINGS_MAX = "1000000";
    String MIN_RELIABILITY_MIN = "0";
    String MIN_RELIABILITY_MAX = "1";
    String STANDOFF_M_MIN = "0";
    String STANDOFF_M_MAX = "10";

    @AttributeDefinition(name = "Data directory",
            description = "Where the predicates and the knowledge graph are kept across restarts; empty means "
                    + "${karaf.data}/cogos/reasoning.")
    String dataDir() default "";

    @AttributeDefinition(name = "Save interval (s)", min = SAVE_INTERVAL_S_MIN, max = SAVE_INTERVAL_S_MAX,
            description = "Changed state is written this often, and when the module stops.")
    int saveIntervalS() default 30;

    @AttributeDefinition(name = "Knowledge graph maximum edges", min = KG_MAX_EDGES_MIN, max = KG_MAX_EDGES_MAX,
            description = "When full, the weakest edge (then the least recently updated) is forgotten.")
    int kgMaxEdges() default 100000;

    @AttributeDefinition(name = "Knowledge graph learning rate", min = KG_LEARNING_RATE_MIN, max = KG_LEARNING_RATE_MAX,
            description = "How far one piece of evidence moves an edge's strength towards 1 or 0.")
    double kgLearningRate() default 0.2;

    @AttributeDefinition(name = "Maximum bindings per predicate", min = MAX_BINDINGS_MIN, max = MAX_BINDINGS_MAX,
            description = "Fact combinations tried per predicate and scene; beyond it the scene's remaining "
                    + "combinations are skipped and counted, so a flood of detections cannot stall decisions.")
    int maxBindings() default 4096;

    @AttributeDefinition(name = "Minimum reliability", min = MIN_RELIABILITY_MIN, max = MIN_RELIABILITY_MAX,
            description = "A behaviour whose rule has proven less reliable than this (posterior mean of robot "
                    + "acks) is not acted on. Safety stops always are.")
    double minReliability() default 0.2;

    @AttributeDefinition(name = "Standoff (m)", min = STANDOFF_M_MIN, max = STANDOFF_M_MAX,
            description = "How far short of a person an approach ends.")
    double standoffM() default 1.0;

    @AttributeDefinition(name = "Help reply",
            description = "What the robot says while it approaches a person who asked for help (1-200 characters).")
    String helpReply() default "I am coming to help you.";

    @AttributeDefinition(name = "Help reply, person not seen",
            description = "What the robot says to a call for help when it sees nobody to approach "
                    + "(1-200 characters).")
    String helpUnseenReply() default "I hear you, but I cannot see you. Where are you?";
}
