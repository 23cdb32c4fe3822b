package org.cogos.flow;

/**
 * The result of simplifying a flow.
 *
 * @param original            the flow given
 * @param simplified          the cheapest equivalent flow found, a DAG sharing each repeated sub-flow
 * @param operationsBefore    {@link FlowMetrics#operations} of the original (as written)
 * @param operationsAfter     {@link FlowMetrics#distinctOperations} of the simplified flow (as executed)
 * @param saturation          what equality saturation did
 */
record Simplification(Flow original, Flow simplified, long operationsBefore, int operationsAfter,
        SaturationReport saturation) {

    /** Operations removed, as a fraction of the original's (0 for an empty flow). */
    public double removedFraction() {
        return operationsBefore == 0 ? 0 : (operationsBefore - operationsAfter) / (double) operationsBefore;
    }
}
