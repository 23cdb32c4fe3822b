package org.cogos.vision.internal;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.NamedTensor;

/**
 * Turns one camera frame into one observation under one set of options: header check, decoding, letterbox,
 * the model, CenterNet decoding, and placement with the camera model. Immutable and free of per-call fields, so
 * several robots' frames run through it at once; a parameter change builds a new one.
 */
final class FrameProcessor {

    static final String MODULE = "vision";
    private static final long[] INPUT_SHAPE = {1, CenterNet.INPUT_SIZE, CenterNet.INPUT_SIZE, 3};
    /** A box edge this close to the frame's top or bottom (share of its height) is taken as cut by the frame. */
    private static final double EDGE_MARGIN = 0.01;

    private final VisionOptions options;
    private final InferenceService inference;
    private final String model;

    FrameProcessor(VisionOptions options, InferenceService inference, String model) {
        this.options = options;
        this.inference = inference;
        this.model = model;
    }

    VisionOptions options() {
        return options;
    }

    Observation process(Percept percept) throws PerceptException {
        byte[] payload = percept.payload();
        ImageHeader header = ImageHeader.read(payload);
        if (header.pixels() > options.maxImagePixels()) {
            throw new PerceptException(PerceptException.OUT_OF_RANGE, "the " + header.format().toUpperCase(Locale.ROOT)
                    + " declares " + header.width() + "x" + header.height() + " = " + header.pixels()
                    + " pixels, more than maxImagePixels (" + options.maxImagePixels() + ")");
        }
        BufferedImage image = ImageDecoding.decode(payload, header);
        Letterbox letterbox = new Letterbox(header.width(), header.height(), CenterNet.INPUT_SIZE);
        float[] input = letterbox.resample(ImageDecoding.rows(image));
        List<NamedTensor> outputs = inference.run(model, List.of(new NamedTensor(CenterNet.INPUT, INPUT_SHAPE, input)));
        List<CenterNet.Box> boxes = CenterNet.suppress(
                CenterNet.centres(output(outputs, CenterNet.KEYPOINTS), output(outputs, CenterNet.WH),
                        options.minConfidence()),
                options.nmsIou(), options.maxDetections());
        Camera camera = Camera.of(options, header.width(), header.height());
        List<Detection> detections = new ArrayList<>(boxes.size());
        for (CenterNet.Box box : boxes) {
            detections.add(place(box, letterbox, camera, header));
        }
        return new Observation(percept.robotId(), percept.modality(), MODULE, percept.sequence(), -1,
                percept.receivedNanos(), System.currentTimeMillis(), detections);
    }

    static float[] output(List<NamedTensor> outputs, String name) {
        for (NamedTensor t : outputs) {
            if (t.name().equals(name)) {
                return t.data();
            }
        }
        throw new IllegalStateException("model output '" + name + "' missing; the model gave " + outputs);
    }

    /**
     * The box in the frame's pixels, its bearing from the box centre, and, for a class of known real height, its
     * distance from the box height (pinhole: depth = fy * H / h) and its width in metres at that depth.
     */
    private Detection place(CenterNet.Box box, Letterbox letterbox, Camera camera, ImageHeader header) {
        int width = header.width();
        int height = header.height();
        double rawY0 = letterbox.toImageY(box.y0());
        double rawY1 = letterbox.toImageY(box.y1());
        double x0 = clamp(letterbox.toImageX(box.x0()), width);
        double x1 = clamp(letterbox.toImageX(box.x1()), width);
        double y0 = clamp(rawY0, height);
        double y1 = clamp(rawY1, height);
        double u = (x0 + x1) / 2;
        double bearing = camera.bearingRad(u);
        double realHeight = options.heightM(box.classId());
        double boxHeight = y1 - y0;
        double distance = Double.NaN;
        double size = Double.NaN;
        String method;
        Map<String, String> attributes = new HashMap<>();
        if (Double.isNaN(realHeight) || !(boxHeight > 0)) {
            method = "none";
        } else {
            double depth = camera.depthM(realHeight, boxHeight);
            distance = depth / Math.cos(camera.offAxisRad(u));
            size = (x1 - x0) * depth / camera.fx();
            boolean cut = rawY0 < EDGE_MARGIN * height || rawY1 > (1 - EDGE_MARGIN) * height;
            // A box cut by the frame is shorter than the object: the distance is then an upper bound.
            method = cut ? "box_height_truncated" : "box_height";
            attributes.put("assumed_height_m", format(realHeight, 2));
            attributes.put("depth_m", format(depth, 3));
        }
        attributes.put("x0", format(x0, 1));
        attributes.put("y0", format(y0, 1));
        attributes.put("x1", format(x1, 1));
        attributes.put("y1", format(y1, 1));
        attributes.put("image_width", Integer.toString(width));
        attributes.put("image_height", Integer.toString(height));
        attributes.put("class_id", Integer.toString(box.classId()));
        attributes.put(Detection.DISTANCE_METHOD, method);
        attributes.put("format", header.format());
        return new Detection(CocoClasses.label(box.classId()), box.score(), distance, bearing, size, attributes);
    }

    private static double clamp(double value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
