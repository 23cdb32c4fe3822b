package org.cogos.api.tensor;

/** The engine's memory pool has no free run of blocks large enough (ENOMEM). Free tensors or grow the pool. */
public class TensorPoolExhaustedException extends TensorEngineException {

    private static final long serialVersionUID = 1L;

    public TensorPoolExhaustedException(String message) {
        super(message);
    }
}
