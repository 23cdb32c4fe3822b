/**
 * RaBAB's Resource Manager and declarative scheduler (seed paper, sections 4.3 and 4.4).
 *
 * <p>Resources are linear: a {@link org.cogos.reasoning.internal.plan.ResourceManager} grants a
 * {@link org.cogos.reasoning.internal.plan.ResourceLease} of single-use
 * {@link org.cogos.reasoning.internal.plan.LinearResource} tokens for one decision. A decision is a
 * {@link org.cogos.reasoning.internal.plan.Plan}, a DAG of typed {@link org.cogos.reasoning.internal.plan.Step}s,
 * that only runs once the {@link org.cogos.reasoning.internal.plan.PlanValidator} has turned it into a
 * {@link org.cogos.reasoning.internal.plan.ValidatedPlan}: the {@link org.cogos.reasoning.internal.plan.PlanExecutor}
 * accepts nothing else.
 */
package org.cogos.reasoning.internal.plan;
