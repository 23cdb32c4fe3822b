package org.cogos.flow;

import java.util.Arrays;
import java.util.List;

/**
 * An e-node: an operation with its constants and child e-class ids. Immutable; equality is by value (constants
 * bitwise), hashed once, so hash-consing in {@link EGraph} is shallow.
 */
final class ENode {

    final Op op;
    private final float[] constants;
    private final int[] children;
    private final int hash;

    ENode(Op op, float[] constants, int[] children) {
        this.op = op;
        this.constants = constants;
        this.children = children;
        this.hash = 31 * (31 * op.hashCode() + Arrays.hashCode(constants)) + Arrays.hashCode(children);
    }

    static ENode of(Op op, List<Float> constants, int[] children) {
        float[] values = new float[constants.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = constants.get(i);
        }
        return new ENode(op, values, children);
    }

    float constant(int index) {
        return constants[index];
    }

    int constantCount() {
        return constants.length;
    }

    List<Float> constantList() {
        Float[] boxed = new Float[constants.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = constants[i];
        }
        return List.of(boxed);
    }

    int child(int index) {
        return children[index];
    }

    int childCount() {
        return children.length;
    }

    /** This node with every child id replaced by its canonical id; {@code this} if nothing changes. */
    ENode canonical(EGraph graph) {
        int[] canonical = null;
        for (int i = 0; i < children.length; i++) {
            int root = graph.find(children[i]);
            if (root != children[i]) {
                if (canonical == null) {
                    canonical = children.clone();
                }
                canonical[i] = root;
            }
        }
        return canonical == null ? this : new ENode(op, constants, canonical);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ENode node && hash == node.hash && op == node.op
                && Arrays.equals(constants, node.constants) && Arrays.equals(children, node.children);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return op.symbol() + Arrays.toString(constants) + Arrays.toString(children);
    }
}
