package org.cogos.ml.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the ml runtime (PID {@value #PID}); checked by {@link MlOptions}. */
@ObjectClassDefinition(id = MlConfig.PID, name = "cogos ml runtime",
        description = "InferenceService and ModelRegistry: ONNX models run by ONNX Runtime through DJL.")
public @interface MlConfig {

    String PID = "org.cogos.ml";

    // Bounds are constants so that the Options check the very numbers Metatype shows (the annotation is
    // not visible at run time); cog:param reads them from the Metatype.
    String INTER_OP_THREADS_MIN = "1";
    String INTER_OP_THREADS_MAX = "64";
    String INTRA_OP_THREADS_MIN = "1";
    String INTRA_OP_THREADS_MAX = "64";

    @AttributeDefinition(name = "Models directory",
            description = "Every *.onnx file here is loaded at start under its file name without .onnx; a"
                    + " NAME.onnx.sha256 beside it (hex digest first) is verified. Relative to the Karaf data"
                    + " directory.")
    String modelsDirectory() default "models";

    @AttributeDefinition(name = "Inter-op threads", min = INTER_OP_THREADS_MIN, max = INTER_OP_THREADS_MAX,
            description = "ONNX Runtime threads running independent graph nodes in parallel, per model.")
    int interOpThreads() default 1;

    @AttributeDefinition(name = "Intra-op threads", min = INTRA_OP_THREADS_MIN, max = INTRA_OP_THREADS_MAX,
            description = "ONNX Runtime threads inside one operator (a matrix product), per model.")
    int intraOpThreads() default 1;
}
