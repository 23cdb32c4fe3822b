package org.cogos.reasoning.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The declarative scheduler's type checker: finds everything wrong with a plan before any of it runs, and turns
 * a plan with nothing wrong into a {@link ValidatedPlan}. It checks that step ids are unique, every input's
 * upstream step exists and produces the input's type, the steps form no cycle, no exclusive resource (actuator)
 * is claimed twice, every claimed resource exists on the robot and the steps together stay within its
 * capacities. Whether the resources are free right now is for the {@link ResourceManager} to say at grant time.
 *
 * <p>Thread-safe if the capacities function is.
 */
public final class PlanValidator {

    private final Function<String, ResourceCapacities> capacitiesOfRobot;

    /** Validates against the capacities {@code resources} grants from. */
    public PlanValidator(ResourceManager resources) {
        this(Objects.requireNonNull(resources, "resources")::capacities);
    }

    /** @param capacitiesOfRobot the capacities of a robot, by robot id; never null */
    public PlanValidator(Function<String, ResourceCapacities> capacitiesOfRobot) {
        this.capacitiesOfRobot = Objects.requireNonNull(capacitiesOfRobot, "capacitiesOfRobot");
    }

    /** @return every problem of {@code plan}, and the runnable plan when there is none */
    public ValidationResult validate(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        List<Step> steps = plan.steps();
        List<PlanProblem> problems = new ArrayList<>(0);
        Map<String, Integer> indexById = indexSteps(steps, problems);
        int[][] inputSources = new int[steps.size()][];
        int[][] upstream = new int[steps.size()][];
        resolveInputs(steps, indexById, inputSources, upstream, problems);
        int[][] dependants = dependants(upstream);
        int[] order = topologicalOrder(steps, upstream, dependants, problems);
        checkResources(plan, problems);
        ValidatedPlan validated = problems.isEmpty()
                ? new ValidatedPlan(plan, order, upstream, dependants, inputSources)
                : null;
        return new ValidationResult(plan, problems, validated);
    }

    /**
     * @return {@code plan}, ready to run
     * @throws PlanRejectedException listing every problem when there is any
     */
    public ValidatedPlan require(Plan plan) {
        return validate(plan).validPlan();
    }

    /** @return the index of the first step with each id; reports ids used more than once */
    private static Map<String, Integer> indexSteps(List<Step> steps, List<PlanProblem> problems) {
        Map<String, Integer> indexById = new HashMap<>(steps.size() * 2);
        Map<String, List<Integer>> duplicates = null;
        for (int index = 0; index < steps.size(); index++) {
            String id = steps.get(index).id();
            Integer first = indexById.putIfAbsent(id, index);
            if (first != null) {
                if (duplicates == null) {
                    duplicates = new LinkedHashMap<>();
                }
                duplicates.computeIfAbsent(id, key -> new ArrayList<>(List.of(first))).add(index);
            }
        }
        if (duplicates != null) {
            duplicates.forEach((id, positions) -> problems.add(new PlanProblem(PlanProblem.Kind.DUPLICATE_STEP_ID,
                    List.of(id), "step id '" + id + "' is used by " + positions.size() + " steps, at positions "
                            + positions)));
        }
        return indexById;
    }

    /** Links each input to the (first) step of its upstream id, checking it exists and its output type. */
    private static void resolveInputs(List<Step> steps, Map<String, Integer> indexById, int[][] inputSources,
            int[][] upstream, List<PlanProblem> problems) {
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            List<StepInput> inputs = step.inputs();
            inputSources[index] = new int[inputs.size()];
            int[] froms = new int[inputs.size()];
            int distinct = 0;
            for (int input = 0; input < inputs.size(); input++) {
                StepInput in = inputs.get(input);
                Integer from = indexById.get(in.fromStep());
                if (from == null) {
                    inputSources[index][input] = -1;
                    problems.add(new PlanProblem(PlanProblem.Kind.MISSING_UPSTREAM, List.of(step.id()),
                            "step '" + step.id() + "' input '" + in.name() + "' needs step '" + in.fromStep()
                                    + "', which is not in the plan"));
                    continue;
                }
                inputSources[index][input] = from;
                if (!contains(froms, distinct, from)) {
                    froms[distinct++] = from;
                }
                ValueType<?> produced = steps.get(from).output();
                if (!produced.equals(in.type())) {
                    boolean sameName = produced.name().equals(in.type().name());
                    problems.add(new PlanProblem(PlanProblem.Kind.TYPE_MISMATCH, List.of(step.id(), in.fromStep()),
                            "step '" + step.id() + "' input '" + in.name() + "' expects "
                                    + (sameName ? in.type().describe() : in.type().name()) + " but step '"
                                    + in.fromStep() + "' produces "
                                    + (sameName ? produced.describe() : produced.name())));
                }
            }
            upstream[index] = Arrays.copyOf(froms, distinct);
        }
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Kahn's algorithm, first-added first among ready steps so the order is deterministic. Steps left over lie on
     * or below a cycle; each cycle among them is reported once, with its path.
     */
    private static int[] topologicalOrder(List<Step> steps, int[][] upstream, int[][] dependants,
            List<PlanProblem> problems) {
        int size = steps.size();
        int[] waiting = new int[size];
        int[] order = new int[size]; // doubles as the FIFO queue of ready steps: [placed, queued)
        int queued = 0;
        for (int index = 0; index < size; index++) {
            waiting[index] = upstream[index].length;
            if (waiting[index] == 0) {
                order[queued++] = index;
            }
        }
        for (int placed = 0; placed < queued; placed++) {
            for (int dependant : dependants[order[placed]]) {
                if (--waiting[dependant] == 0) {
                    order[queued++] = dependant;
                }
            }
        }
        if (queued < size) {
            reportCycles(steps, upstream, waiting, problems);
        }
        return order;
    }

    /** @return per step, the steps that take inputs from it, in step order */
    private static int[][] dependants(int[][] upstream) {
        int size = upstream.length;
        int[] counts = new int[size];
        for (int[] froms : upstream) {
            for (int from : froms) {
                counts[from]++;
            }
        }
        int[][] dependants = new int[size][];
        for (int step = 0; step < size; step++) {
            dependants[step] = new int[counts[step]];
        }
        int[] filled = new int[size];
        for (int step = 0; step < size; step++) {
            for (int from : upstream[step]) {
                dependants[from][filled[from]++] = step;
            }
        }
        return dependants;
    }

    /**
     * Every left-over step has a left-over upstream, so walking upstream from one must close a circle. A walk
     * that reaches a step an earlier walk visited stops: that circle is already reported.
     */
    private static void reportCycles(List<Step> steps, int[][] upstream, int[] waiting, List<PlanProblem> problems) {
        int size = steps.size();
        boolean[] visited = new boolean[size];
        int[] positionInWalk = new int[size];
        Arrays.fill(positionInWalk, -1);
        for (int start = 0; start < size; start++) {
            if (waiting[start] == 0 || visited[start]) {
                continue;
            }
            List<Integer> walk = new ArrayList<>();
            int current = start;
            while (!visited[current]) {
                visited[current] = true;
                positionInWalk[current] = walk.size();
                walk.add(current);
                current = leftOverUpstream(upstream[current], waiting);
            }
            if (positionInWalk[current] >= 0) {
                problems.add(cycleProblem(steps, walk.subList(positionInWalk[current], walk.size())));
            }
            for (int step : walk) {
                positionInWalk[step] = -1;
            }
        }
    }

    private static int leftOverUpstream(int[] froms, int[] waiting) {
        for (int from : froms) {
            if (waiting[from] > 0) {
                return from;
            }
        }
        throw new IllegalStateException("left-over step without left-over upstream: Kahn's algorithm is broken");
    }

    /** @param upstreamWalk the circle as walked, each step fed by the next */
    private static PlanProblem cycleProblem(List<Step> steps, List<Integer> upstreamWalk) {
        List<Integer> flow = new ArrayList<>(upstreamWalk);
        Collections.reverse(flow);
        int first = flow.indexOf(Collections.min(flow));
        Collections.rotate(flow, -first);
        List<String> ids = new ArrayList<>(flow.size());
        for (int step : flow) {
            ids.add(steps.get(step).id());
        }
        return new PlanProblem(PlanProblem.Kind.CYCLE, ids,
                "steps form a cycle: " + String.join(" -> ", ids) + " -> " + ids.get(0));
    }

    private void checkResources(Plan plan, List<PlanProblem> problems) {
        ResourceCapacities capacities = Objects.requireNonNull(capacitiesOfRobot.apply(plan.robotId()),
                () -> "no capacities for robot '" + plan.robotId() + "'");
        Map<ResourceId, String> owners = new HashMap<>();
        Map<ResourceId, Long> totals = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            List<ResourceClaim> claims = step.resources();
            for (int index = 0; index < claims.size(); index++) {
                ResourceId id = claims.get(index).id();
                boolean firstInStep = !claimedBefore(claims, index);
                if (capacities.capacity(id) == 0) {
                    if (firstInStep) {
                        problems.add(new PlanProblem(PlanProblem.Kind.UNKNOWN_RESOURCE, List.of(step.id()),
                                "step '" + step.id() + "' needs " + id + ", which robot '" + plan.robotId()
                                        + "' does not have"));
                    }
                } else if (id.kind().isExclusive()) {
                    checkExclusive(step, id, firstInStep, owners, problems);
                } else {
                    totals.merge(id, claims.get(index).amount(), Math::addExact);
                }
            }
        }
        totals.forEach((id, total) -> {
            long capacity = capacities.capacity(id);
            if (total > capacity) {
                List<String> claimants = claimants(plan, id);
                problems.add(new PlanProblem(PlanProblem.Kind.BUDGET_EXCEEDED, claimants,
                        "plan needs " + total + " of " + id + " but robot '" + plan.robotId() + "' has " + capacity
                                + " (claimed by steps " + claimants + ")"));
            }
        });
    }

    /** Steps claim 1-3 resources, so a scan beats a set. */
    private static boolean claimedBefore(List<ResourceClaim> claims, int index) {
        ResourceId id = claims.get(index).id();
        for (int earlier = 0; earlier < index; earlier++) {
            if (claims.get(earlier).id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> claimants(Plan plan, ResourceId id) {
        Set<String> claimants = new LinkedHashSet<>();
        for (Step step : plan.steps()) {
            for (ResourceClaim claim : step.resources()) {
                if (claim.id().equals(id)) {
                    claimants.add(step.id());
                }
            }
        }
        return List.copyOf(claimants);
    }

    private static void checkExclusive(Step step, ResourceId id, boolean firstInStep, Map<ResourceId, String> owners,
            List<PlanProblem> problems) {
        if (!firstInStep) {
            problems.add(new PlanProblem(PlanProblem.Kind.ACTUATOR_CONFLICT, List.of(step.id()),
                    "step '" + step.id() + "' claims " + id + " more than once"));
            return;
        }
        String owner = owners.putIfAbsent(id, step.id());
        if (owner != null) {
            problems.add(new PlanProblem(PlanProblem.Kind.ACTUATOR_CONFLICT, List.of(owner, step.id()),
                    "steps '" + owner + "' and '" + step.id() + "' both claim " + id
                            + ": one decision cannot send it two commands"));
        }
    }
}
