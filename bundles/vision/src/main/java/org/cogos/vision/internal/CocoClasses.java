package org.cogos.vision.internal;

import java.util.List;

/**
 * The 80 COCO classes in the order of the model's heat-map channels (human's {@code src/object/labels.ts}), each
 * with the real height its boxes typically span when the object stands as usual, for the distance estimate. The
 * height is NaN where it varies too much for a useful estimate: by orientation (a fork, skis, a phone), by kind
 * (a potted plant, a boat, a bird) or because the box rarely holds the whole object (a dining table seen close).
 */
final class CocoClasses {

    private record CocoClass(String label, double heightM) {
    }

    private static final double UNKNOWN = Double.NaN;

    private static final List<CocoClass> CLASSES = List.of(
            new CocoClass("person", 1.70),
            new CocoClass("bicycle", 1.00),
            new CocoClass("car", 1.50),
            new CocoClass("motorcycle", 1.10),
            new CocoClass("airplane", UNKNOWN),
            new CocoClass("bus", 3.00),
            new CocoClass("train", 4.00),
            new CocoClass("truck", 3.00),
            new CocoClass("boat", UNKNOWN),
            new CocoClass("traffic light", 0.90),
            new CocoClass("fire hydrant", 0.75),
            new CocoClass("stop sign", 0.75),
            new CocoClass("parking meter", 1.40),
            new CocoClass("bench", 0.85),
            new CocoClass("bird", UNKNOWN),
            new CocoClass("cat", 0.30),
            new CocoClass("dog", 0.60),
            new CocoClass("horse", 1.60),
            new CocoClass("sheep", 0.90),
            new CocoClass("cow", 1.40),
            new CocoClass("elephant", 3.00),
            new CocoClass("bear", 1.20),
            new CocoClass("zebra", 1.40),
            new CocoClass("giraffe", 5.00),
            new CocoClass("backpack", 0.50),
            new CocoClass("umbrella", UNKNOWN),
            new CocoClass("handbag", 0.30),
            new CocoClass("tie", UNKNOWN),
            new CocoClass("suitcase", 0.65),
            new CocoClass("frisbee", UNKNOWN),
            new CocoClass("skis", UNKNOWN),
            new CocoClass("snowboard", UNKNOWN),
            new CocoClass("sports ball", 0.22),
            new CocoClass("kite", UNKNOWN),
            new CocoClass("baseball bat", UNKNOWN),
            new CocoClass("baseball glove", UNKNOWN),
            new CocoClass("skateboard", UNKNOWN),
            new CocoClass("surfboard", UNKNOWN),
            new CocoClass("tennis racket", UNKNOWN),
            new CocoClass("bottle", 0.25),
            new CocoClass("wine glass", 0.20),
            new CocoClass("cup", 0.10),
            new CocoClass("fork", UNKNOWN),
            new CocoClass("knife", UNKNOWN),
            new CocoClass("spoon", UNKNOWN),
            new CocoClass("bowl", UNKNOWN),
            new CocoClass("banana", UNKNOWN),
            new CocoClass("apple", 0.08),
            new CocoClass("sandwich", UNKNOWN),
            new CocoClass("orange", 0.08),
            new CocoClass("broccoli", UNKNOWN),
            new CocoClass("carrot", UNKNOWN),
            new CocoClass("hot dog", UNKNOWN),
            new CocoClass("pizza", UNKNOWN),
            new CocoClass("donut", UNKNOWN),
            new CocoClass("cake", UNKNOWN),
            new CocoClass("chair", 0.90),
            new CocoClass("couch", 0.85),
            new CocoClass("potted plant", UNKNOWN),
            new CocoClass("bed", UNKNOWN),
            new CocoClass("dining table", UNKNOWN),
            new CocoClass("toilet", 0.75),
            new CocoClass("tv", UNKNOWN),
            new CocoClass("laptop", 0.24),
            new CocoClass("mouse", UNKNOWN),
            new CocoClass("remote", UNKNOWN),
            new CocoClass("keyboard", UNKNOWN),
            new CocoClass("cell phone", UNKNOWN),
            new CocoClass("microwave", 0.30),
            new CocoClass("oven", 0.90),
            new CocoClass("toaster", 0.20),
            new CocoClass("sink", UNKNOWN),
            new CocoClass("refrigerator", 1.75),
            new CocoClass("book", 0.23),
            new CocoClass("clock", 0.30),
            new CocoClass("vase", UNKNOWN),
            new CocoClass("scissors", UNKNOWN),
            new CocoClass("teddy bear", 0.35),
            new CocoClass("hair drier", UNKNOWN),
            new CocoClass("toothbrush", UNKNOWN));

    /** The model's class count: its heat map has one channel per class. */
    static final int COUNT = CLASSES.size();

    private CocoClasses() {
    }

    static String label(int classId) {
        return CLASSES.get(classId).label();
    }

    /** @return metres, or NaN when no typical height is known */
    static double typicalHeightM(int classId) {
        return CLASSES.get(classId).heightM();
    }

    /** @return the class id of a label, or -1 */
    static int indexOf(String label) {
        for (int i = 0; i < COUNT; i++) {
            if (CLASSES.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }
}
