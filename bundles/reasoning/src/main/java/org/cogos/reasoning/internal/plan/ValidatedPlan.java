package org.cogos.reasoning.internal.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan that passed {@link PlanValidator}, with what running it needs precomputed: a topological order and, per
 * step, where its inputs and tokens come from. Only the validator can make one, so whatever runs a
 * {@code ValidatedPlan} runs a validated plan. Immutable.
 */
public final class ValidatedPlan {

    private final Plan plan;
    private final int[] order;
    private final int[][] upstream;
    private final int[][] dependants;
    private final int[][] inputSources;
    private final int[] firstToken;
    private final List<ResourceClaim> claims;
    private final List<String> orderIds;

    /**
     * @param order        step indexes in topological order
     * @param upstream     per step, the distinct steps it takes inputs from
     * @param dependants   per step, the steps that take inputs from it
     * @param inputSources per step and input, the step that feeds it
     */
    ValidatedPlan(Plan plan, int[] order, int[][] upstream, int[][] dependants, int[][] inputSources) {
        this.plan = plan;
        this.order = order;
        this.upstream = upstream;
        this.dependants = dependants;
        this.inputSources = inputSources;
        int size = plan.steps().size();
        this.claims = plan.claims();
        this.firstToken = new int[size + 1];
        for (int step = 0; step < size; step++) {
            firstToken[step + 1] = firstToken[step] + plan.steps().get(step).resources().size();
        }
        List<String> ids = new ArrayList<>(size);
        for (int step : order) {
            ids.add(plan.steps().get(step).id());
        }
        this.orderIds = List.copyOf(ids);
    }

    /** @return the plan */
    public Plan plan() {
        return plan;
    }

    /** @return the step ids in the order they run when run one at a time (upstream before dependants) */
    public List<String> topologicalOrder() {
        return orderIds;
    }

    int size() {
        return order.length;
    }

    Step step(int index) {
        return plan.steps().get(index);
    }

    int[] order() {
        return order;
    }

    int[] upstream(int step) {
        return upstream[step];
    }

    int[] dependants(int step) {
        return dependants[step];
    }

    int inputSource(int step, int input) {
        return inputSources[step][input];
    }

    /** @return all claims of all steps, in step order: the lease's tokens line up with them */
    List<ResourceClaim> claims() {
        return claims;
    }

    int firstToken(int step) {
        return firstToken[step];
    }

    int endToken(int step) {
        return firstToken[step + 1];
    }
}
