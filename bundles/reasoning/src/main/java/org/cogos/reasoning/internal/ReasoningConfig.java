package org.cogos.reasoning.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the RaBAB engine (PID {@value #PID}); the bounds are enforced by {@link ReasoningOptions}. */
@ObjectClassDefinition(id = ReasoningConfig.PID, name = "cogos RaBAB reasoning engine",
        description = "Neurosymbolic decision engine: typed predicates, knowledge graph, word embeddings, "
                + "reliability learnt from robot acks; every action carries its provenance.")
public @interface ReasoningConfig {

    String PID = "org.cogos.reasoning";

    @AttributeDefinition(name = "Data directory",
            description = "Where the predicates and the knowledge graph are kept across restarts; empty means "
                    + "${karaf.data}/cogos/reasoning.")
    String dataDir() default "";

    @AttributeDefinition(name = "Save interval (s)", min = "1", max = "3600",
            description = "Changed state is written this often, and when the module stops.")
    int saveIntervalS() default 30;

    @AttributeDefinition(name = "Knowledge graph maximum edges", min = "100", max = "10000000",
            description = "When full, the weakest edge (then the least recently updated) is forgotten.")
    int kgMaxEdges() default 100000;

    @AttributeDefinition(name = "Knowledge graph learning rate", min = "0.001", max = "1",
            description = "How far one piece of evidence moves an edge's strength towards 1 or 0.")
    double kgLearningRate() default 0.2;

    @AttributeDefinition(name = "Maximum bindings per predicate", min = "1", max = "1000000",
            description = "Fact combinations tried per predicate and scene; beyond it the scene's remaining "
                    + "combinations are skipped and counted, so a flood of detections cannot stall decisions.")
    int maxBindings() default 4096;

    @AttributeDefinition(name = "Minimum reliability", min = "0", max = "1",
            description = "A behaviour whose rule has proven less reliable than this (posterior mean of robot "
                    + "acks) is not acted on. Safety stops always are.")
    double minReliability() default 0.2;

    @AttributeDefinition(name = "Standoff (m)", min = "0", max = "10",
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
