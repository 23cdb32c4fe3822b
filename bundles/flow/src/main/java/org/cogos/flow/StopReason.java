package org.cogos.flow;

/** Why equality saturation stopped. */
public enum StopReason {
    /** No rule added anything new: every equality the rules can prove is in the graph. */
    SATURATED,
    /** The e-graph reached the node limit; equalities may be missing. */
    NODE_LIMIT,
    /** The iteration limit was reached; equalities may be missing. */
    ITERATION_LIMIT,
    /** The time budget ran out; equalities may be missing. */
    TIMEOUT
}
