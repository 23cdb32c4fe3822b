package org.cogos.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Size measures of flows. The {@code input} leaf is free and never counted. Stateless, thread-safe. */
public final class FlowMetrics {

    private FlowMetrics() {
    }

    /**
     * Operations as written, counting a sub-flow at every place it is used: what a naive executor runs. Linear in
     * the number of distinct objects even for heavily shared DAGs.
     */
    public static long operations(Flow flow) {
        return operations(flow, new IdentityHashMap<>());
    }

    /**
     * Distinct operations: structurally equal sub-flows counted once, as a DAG executor that reuses results
     * runs them. Two branches computing the same thing the same way count once here.
     */
    public static int distinctOperations(Flow flow) {
        Map<List<Object>, Integer> ids = new HashMap<>();
        intern(flow, ids, new IdentityHashMap<>());
        return (int) ids.keySet().stream().filter(key -> key.get(0) != Op.INPUT).count();
    }

    private static long operations(Flow flow, Map<Flow, Long> done) {
        Long known = done.get(flow);
        if (known != null) {
            return known;
        }
        long count = flow.op() == Op.INPUT ? 0 : 1;
        for (Flow child : flow.children()) {
            count += operations(child, done);
        }
        done.put(flow, count);
        return count;
    }

    /** Gives each structurally distinct sub-flow an id; keys are (op, constants, child ids), so hashing is shallow. */
    private static int intern(Flow flow, Map<List<Object>, Integer> ids, Map<Flow, Integer> done) {
        Integer known = done.get(flow);
        if (known != null) {
            return known;
        }
        List<Object> key = new ArrayList<>();
        key.add(flow.op());
        key.add(flow.constants());
        for (Flow child : flow.children()) {
            key.add(intern(child, ids, done));
        }
        int id = ids.computeIfAbsent(key, k -> ids.size());
        done.put(flow, id);
        return id;
    }
}
