package org.cogos.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An e-graph over flows, in the style of egg (Willsey et al., POPL 2021): hash-consed e-nodes, e-classes in a
 * union-find, and congruence closure restored lazily by {@link #rebuild()} after a batch of {@link #union}s.
 * Two flows are equivalent once their e-classes coincide. Not thread-safe: one thread owns a graph.
 */
public final class EGraph {

    /** A node that has an e-class as a child, with the class the node belongs to. */
    private record ParentRef(ENode node, int classId) {
    }

    /** Mutable e-class state; only the canonical (root) id of a merged set holds one. */
    private static final class EClass {
        List<ENode> nodes = new ArrayList<>();
        List<ParentRef> parents = new ArrayList<>();
    }

    private int[] unionFind = new int[64];
    /** Indexed by class id; null once the class was merged into another. */
    private final List<EClass> classes = new ArrayList<>();
    private final Map<ENode, Integer> hashCons = new HashMap<>();
    /** Classes whose parents may have become congruent since the last rebuild. */
    private final List<Integer> pending = new ArrayList<>();
    private int liveClasses;
    private long nodesAdded;

    /** Adds a flow (each distinct sub-flow once) and returns the id of its e-class. */
    public int add(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        return add(flow, new IdentityHashMap<>());
    }

    private int add(Flow flow, Map<Flow, Integer> done) {
        Integer known = done.get(flow);
        if (known != null) {
            return known;
        }
        int[] children = new int[flow.children().size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = add(flow.children().get(i), done);
        }
        int id = add(ENode.of(flow.op(), flow.constants(), children));
        done.put(flow, id);
        return id;
    }

    /** Adds an e-node (children are class ids) unless an equal one exists; returns its class id. */
    int add(ENode node) {
        ENode canonical = node.canonical(this);
        Integer existing = hashCons.get(canonical);
        if (existing != null) {
            return find(existing);
        }
        int id = classes.size();
        if (id == unionFind.length) {
            unionFind = Arrays.copyOf(unionFind, id * 2);
        }
        unionFind[id] = id;
        EClass eClass = new EClass();
        eClass.nodes.add(canonical);
        classes.add(eClass);
        liveClasses++;
        nodesAdded++;
        hashCons.put(canonical, id);
        for (int i = 0; i < canonical.childCount(); i++) {
            classes.get(canonical.child(i)).parents.add(new ParentRef(canonical, id));
        }
        return id;
    }

    /** The canonical id of the class {@code id} belongs to. */
    public int find(int id) {
        if (id < 0 || id >= classes.size()) {
            throw new IllegalArgumentException("no e-class with id " + id + " (graph has " + classes.size() + ")");
        }
        int root = id;
        while (unionFind[root] != root) {
            unionFind[root] = unionFind[unionFind[root]];
            root = unionFind[root];
        }
        return root;
    }

    /**
     * Records that two classes are equal. Congruence (parents that became equal as a consequence) is restored only
     * by {@link #rebuild()}, so batches of unions are cheap.
     *
     * @return whether the classes were distinct before
     */
    public boolean union(int a, int b) {
        int rootA = find(a);
        int rootB = find(b);
        if (rootA == rootB) {
            return false;
        }
        EClass classA = classes.get(rootA);
        EClass classB = classes.get(rootB);
        if (classA.nodes.size() + classA.parents.size() < classB.nodes.size() + classB.parents.size()) {
            int swapId = rootA;
            rootA = rootB;
            rootB = swapId;
            EClass swap = classA;
            classA = classB;
            classB = swap;
        }
        unionFind[rootB] = rootA;
        classA.nodes.addAll(classB.nodes);
        classA.parents.addAll(classB.parents);
        classes.set(rootB, null);
        liveClasses--;
        pending.add(rootA);
        return true;
    }

    /** Whether unions happened since the last {@link #rebuild()}, so congruence may be incomplete. */
    public boolean needsRebuild() {
        return !pending.isEmpty();
    }

    /** Restores the congruence invariant: congruent e-nodes end up in one class, node lists are canonical. */
    public void rebuild() {
        while (!pending.isEmpty()) {
            Set<Integer> todo = new LinkedHashSet<>();
            for (int id : pending) {
                todo.add(find(id));
            }
            pending.clear();
            for (int id : todo) {
                repair(find(id));
            }
        }
        for (EClass eClass : classes) {
            if (eClass != null) {
                Set<ENode> canonical = new LinkedHashSet<>();
                for (ENode node : eClass.nodes) {
                    canonical.add(node.canonical(this));
                }
                eClass.nodes = new ArrayList<>(canonical);
            }
        }
    }

    /** Re-canonicalises the parents of one class and merges those that became congruent. */
    private void repair(int id) {
        EClass eClass = classes.get(id);
        List<ParentRef> oldParents = eClass.parents;
        eClass.parents = new ArrayList<>();
        for (ParentRef parent : oldParents) {
            hashCons.remove(parent.node());
            hashCons.put(parent.node().canonical(this), find(parent.classId()));
        }
        Map<ENode, Integer> distinct = new LinkedHashMap<>();
        for (ParentRef parent : oldParents) {
            ENode canonical = parent.node().canonical(this);
            Integer congruent = distinct.get(canonical);
            if (congruent != null) {
                union(congruent, parent.classId());
            }
            distinct.put(canonical, find(parent.classId()));
        }
        // A union above may have merged this class away; the survivor keeps the parents.
        List<ParentRef> survivorParents = classes.get(find(id)).parents;
        distinct.forEach((node, classId) -> survivorParents.add(new ParentRef(node, classId)));
    }

    /** Whether two flows are in one class under the equalities known so far (saturate first to learn more). */
    public boolean equivalent(Flow a, Flow b) {
        int classA = add(a);
        int classB = add(b);
        rebuild();
        return find(classA) == find(classB);
    }

    /** Number of live (canonical) e-classes. */
    public int classCount() {
        return liveClasses;
    }

    /** Number of distinct e-nodes across live classes; exact after {@link #rebuild()}. */
    public int nodeCount() {
        int count = 0;
        for (EClass eClass : classes) {
            if (eClass != null) {
                count += eClass.nodes.size();
            }
        }
        return count;
    }

    /** E-nodes ever created; grows monotonically, a cheap guard against blow-up during rule application. */
    long nodesAdded() {
        return nodesAdded;
    }

    /** Canonical ids of all live classes, ascending. */
    List<Integer> classIds() {
        List<Integer> ids = new ArrayList<>(liveClasses);
        for (int id = 0; id < classes.size(); id++) {
            if (classes.get(id) != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The e-nodes of a class (read-only view; canonical after a rebuild). */
    List<ENode> nodes(int classId) {
        return Collections.unmodifiableList(classes.get(find(classId)).nodes);
    }
}
