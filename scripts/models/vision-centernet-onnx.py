#!/usr/bin/python3
"""Converts the MB3-CenterNet TFJS graph model of @vladmandic/human into an ONNX model that ONNX Runtime runs.

    /usr/bin/python3 scripts/models/vision-centernet-onnx.py <centernet.json> <out.onnx> <package@version> <integrity>

Needs only Debian's python3-onnx and python3-numpy. The graph is converted op by op up to the two CenterNet heads,
`tower_0/keypoints` (class heat map, 1x128x128x80, after the sigmoid) and `tower_0/wh` (box edges in input pixels,
1x128x128x4); the peak picking, top-k and box decoding that follow them in the TFJS graph (MaxPool, Equal, TopKV2,
GatherV2, ...) are done by the vision module in Java. Inputs and outputs keep the TFJS layout (NHWC, RGB 0..255);
inside, the graph runs NCHW, which is what ONNX convolutions take. Weights stay float16 as shipped (TFJS
dequantises them to float32 on load; a Cast node per weight does the same here, and ORT folds the casts once at
session start), so the file is about as small as the original.

The output is byte-for-byte reproducible: node order follows the TFJS graph, and every producer field is fixed.
Unknown ops or attributes stop the conversion instead of being approximated.
"""
import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
IR_VERSION = 7
INPUT = "tower_0/images"
OUTPUTS = {"tower_0/keypoints": "keypoints", "tower_0/wh": "wh"}
# NHWC axis -> NCHW axis
AXIS = {0: 0, 1: 2, 2: 3, 3: 1, -1: 1}


def fail(message):
    sys.exit("vision-centernet-onnx: " + message)


def read_weights(model, directory):
    """The weights of the manifest, in the dtype stored: float16 for quantised floats, int32 as is."""
    weights = {}
    for group in model["weightsManifest"]:
        data = b"".join(open(os.path.join(directory, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            count = int(np.prod(spec["shape"], dtype=np.int64))
            quantization = spec.get("quantization")
            if quantization is not None:
                if quantization.get("dtype") != "float16" or spec["dtype"] != "float32":
                    fail("unsupported quantization of %s: %s" % (spec["name"], quantization))
                dtype = np.dtype("<f2")
            else:
                dtype = {"float32": np.dtype("<f4"), "int32": np.dtype("<i4")}.get(spec["dtype"])
                if dtype is None:
                    fail("unsupported dtype of %s: %s" % (spec["name"], spec["dtype"]))
            size = count * dtype.itemsize
            weights[spec["name"]] = np.frombuffer(data, dtype, count, offset).reshape(spec["shape"])
            offset += size
        if offset != len(data):
            fail("weights of %s are %d bytes, the manifest describes %d" % (group["paths"], len(data), offset))
    return weights


def attr_string(node, key):
    return base64.b64decode(node["attr"][key]["s"]).decode()


def attr_ints(node, key):
    return [int(i) for i in node["attr"][key]["list"].get("i", [])]


class Converter:
    def __init__(self, model, weights):
        self.nodes = {n["name"]: n for n in model["modelTopology"]["node"]}
        self.weights = weights
        self.onnx_nodes = []
        self.initializers = []
        self.shapes = {}  # TF tensor name -> NHWC shape, for the tensors converted so far
        self.names = {}  # TF tensor name -> ONNX tensor name
        self.casts = {}  # weight name -> float32 ONNX name
        self.clip_bounds = None  # the float32 0 and 6 of Relu6, made on first use

    # --- helpers ---------------------------------------------------------------------------------------------
    def node(self, op, inputs, output, **attrs):
        self.onnx_nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def initializer(self, name, array):
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def float_weight(self, name, array):
        """A float16 initializer and the Cast that turns it into the float32 the ops compute in."""
        if name not in self.casts:
            self.initializer(name, array.astype(np.float16))
            self.casts[name] = self.node("Cast", [name], name + "/f32", to=TensorProto.FLOAT)
        return self.casts[name]

    def const(self, name):
        if name not in self.weights:
            fail("expected a constant: " + name)
        return self.weights[name]

    def scalar_or_tensor(self, name):
        """An activation, or a float constant taking part in an element-wise op."""
        if name in self.weights:
            value = self.weights[name]
            if value.ndim > 0:
                fail("element-wise constant %s has shape %s; only scalars keep their meaning in NCHW"
                     % (name, value.shape))
            return self.float_weight(name, value), ()
        return self.convert(name), self.shapes[name]

    # --- ops -------------------------------------------------------------------------------------------------
    def convolution(self, node, depthwise):
        x = self.convert(node["input"][0])
        n, h, w, c = self.shapes[node["input"][0]]
        kernel = self.const(node["input"][1])
        kh, kw = kernel.shape[0], kernel.shape[1]
        strides = attr_ints(node, "strides")[1:3]
        dilations = attr_ints(node, "dilations")[1:3]
        if attr_string(node, "data_format") != "NHWC" or attr_ints(node, "explicit_paddings"):
            fail("unsupported layout or padding in " + node["name"])
        padding = attr_string(node, "padding")
        pads_begin, pads_end, out = [], [], []
        for size, k, s, d in ((h, kh, strides[0], dilations[0]), (w, kw, strides[1], dilations[1])):
            extent = (k - 1) * d + 1
            if padding == "SAME":
                o = -(-size // s)
                total = max((o - 1) * s + extent - size, 0)
            elif padding == "VALID":
                o = (size - extent) // s + 1
                total = 0
            else:
                fail("unsupported padding %s in %s" % (padding, node["name"]))
            # TF puts the odd pixel of SAME padding at the end.
            pads_begin.append(total // 2)
            pads_end.append(total - total // 2)
            out.append(o)
        if depthwise:
            # TF: [kh, kw, in, multiplier] -> ONNX grouped conv: [in * multiplier, 1, kh, kw]
            multiplier = kernel.shape[3]
            onnx_kernel = kernel.transpose(2, 3, 0, 1).reshape(c * multiplier, 1, kh, kw)
            group, channels = c, c * multiplier
        else:
            # TF: [kh, kw, in, out] -> ONNX: [out, in, kh, kw]
            onnx_kernel = kernel.transpose(3, 2, 0, 1)
            group, channels = 1, kernel.shape[3]
        inputs = [x, self.float_weight(node["input"][1], onnx_kernel)]
        activation = None
        if node["op"] in ("_FusedConv2D", "FusedDepthwiseConv2dNative"):
            fused = [base64.b64decode(s).decode() for s in node["attr"]["fused_ops"]["list"].get("s", [])]
            if int(node["attr"]["num_args"]["i"]) != 1 or fused[0] != "BiasAdd" or len(fused) > 2:
                fail("unsupported fusion %s in %s" % (fused, node["name"]))
            inputs.append(self.float_weight(node["input"][2], self.const(node["input"][2])))
            if len(fused) == 2:
                activation = fused[1]
                if activation not in ("Relu", "Relu6"):
                    fail("unsupported fused activation %s in %s" % (activation, node["name"]))
        name = node["name"]
        conv = self.node("Conv", inputs, name if activation is None else name + "/conv",
                         kernel_shape=[kh, kw], strides=strides, dilations=dilations,
                         pads=pads_begin + pads_end, group=group)
        if activation == "Relu":
            self.node("Relu", [conv], name)
        elif activation == "Relu6":
            self.relu6(conv, name)
        self.shapes[name] = (n, out[0], out[1], channels)
        return name

    def relu6(self, x, name):
        if not self.clip_bounds:
            self.clip_bounds = [self.initializer("cogos/zero", np.array(0, np.float32)),
                                self.initializer("cogos/six", np.array(6, np.float32))]
        return self.node("Clip", [x] + self.clip_bounds, name)

    def elementwise(self, node, op):
        (a, sa), (b, sb) = (self.scalar_or_tensor(i) for i in node["input"])
        self.shapes[node["name"]] = tuple(np.broadcast_shapes(sa, sb))
        return self.node(op, [a, b], node["name"])

    def unary(self, node, op):
        x = self.convert(node["input"][0])
        self.shapes[node["name"]] = self.shapes[node["input"][0]]
        return self.node(op, [x], node["name"])

    def mean(self, node):
        x = self.convert(node["input"][0])
        axes = sorted(AXIS[int(a)] for a in np.ravel(self.const(node["input"][1])))
        if not node["attr"]["keep_dims"]["b"]:
            fail("Mean without keep_dims in " + node["name"])
        shape = list(self.shapes[node["input"][0]])
        for a in np.ravel(self.const(node["input"][1])):
            shape[int(a)] = 1
        self.shapes[node["name"]] = tuple(shape)
        return self.node("ReduceMean", [x], node["name"], axes=axes, keepdims=1)

    def concat(self, node):
        count = int(node["attr"]["N"]["i"])
        inputs = [self.convert(i) for i in node["input"][:count]]
        axis = int(self.const(node["input"][count]))
        shape = list(self.shapes[node["input"][0]])
        shape[axis] = sum(self.shapes[i][axis] for i in node["input"][:count])
        self.shapes[node["name"]] = tuple(shape)
        return self.node("Concat", inputs, node["name"], axis=AXIS[axis])

    def resize_bilinear(self, node):
        if node["attr"]["align_corners"]["b"] or node["attr"]["half_pixel_centers"]["b"]:
            fail("only the legacy ResizeBilinear (no align_corners, no half_pixel_centers) is converted")
        x = self.convert(node["input"][0])
        n, _, _, c = self.shapes[node["input"][0]]
        height, width = (int(v) for v in self.const(node["input"][1]))
        sizes = self.initializer(node["name"] + "/sizes", np.array([n, c, height, width], np.int64))
        self.shapes[node["name"]] = (n, height, width, c)
        # TF's legacy bilinear maps output pixel i to input i * in/out: ONNX's "asymmetric" transformation.
        return self.node("Resize", [x, "", "", sizes], node["name"], mode="linear",
                         coordinate_transformation_mode="asymmetric")

    def convert(self, name):
        """Converts the node producing TF tensor `name` (after its inputs) and returns its ONNX tensor name."""
        if name in self.names:
            return self.names[name]
        node = self.nodes.get(name)
        if node is None:
            fail("no node " + name)
        op = node["op"]
        if op in ("_FusedConv2D", "Conv2D"):
            result = self.convolution(node, depthwise=False)
        elif op in ("FusedDepthwiseConv2dNative", "DepthwiseConv2dNative"):
            result = self.convolution(node, depthwise=True)
        elif op == "Mul":
            result = self.elementwise(node, "Mul")
        elif op == "Add":
            result = self.elementwise(node, "Add")
        elif op == "Relu":
            result = self.unary(node, "Relu")
        elif op == "Sigmoid":
            result = self.unary(node, "Sigmoid")
        elif op == "Identity":
            result = self.unary(node, "Identity")
        elif op == "Relu6":
            x = self.convert(node["input"][0])
            self.shapes[name] = self.shapes[node["input"][0]]
            result = self.relu6(x, name)
        elif op == "Mean":
            result = self.mean(node)
        elif op == "ConcatV2":
            result = self.concat(node)
        elif op == "ResizeBilinear":
            result = self.resize_bilinear(node)
        else:
            fail("unsupported op %s (%s)" % (op, name))
        self.names[name] = result
        return result


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: vision-centernet-onnx.py <centernet.json> <out.onnx> <package@version> <integrity>")
    json_path, out_path, package, integrity = argv[1:]
    model = json.load(open(json_path))
    weights = read_weights(model, os.path.dirname(json_path))
    placeholder = model["modelTopology"]["node"][[n["name"] for n in model["modelTopology"]["node"]].index(INPUT)]
    input_shape = [int(d["size"]) for d in placeholder["attr"]["shape"]["shape"]["dim"]]

    converter = Converter(model, weights)
    converter.names[INPUT] = converter.node("Transpose", ["images"], INPUT, perm=[0, 3, 1, 2])
    converter.shapes[INPUT] = tuple(input_shape)
    outputs = []
    for tf_name, onnx_name in OUTPUTS.items():
        nchw = converter.convert(tf_name)
        converter.node("Transpose", [nchw], onnx_name, perm=[0, 2, 3, 1])
        outputs.append(helper.make_tensor_value_info(onnx_name, TensorProto.FLOAT,
                                                     list(converter.shapes[tf_name])))

    graph = helper.make_graph(
        converter.onnx_nodes, "mb3_centernet_coco",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, input_shape)], outputs,
        converter.initializers,
        doc_string="MB3-CenterNet (MobileNetV3-large 0.75, CenterNet head), 80 COCO classes. Input: RGB 0..255, "
                   "NHWC. Outputs: keypoints = per-class centre heat map (sigmoid), wh = distances from the "
                   "cell centre (x*4, y*4) to the box edges left, top, right, bottom in input pixels.")
    onnx_model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=IR_VERSION,
        producer_name="cogos scripts/models/vision-centernet-onnx.py", producer_version="1",
        doc_string="Converted from models/centernet.json of the npm package %s (%s)." % (package, integrity))
    helper.set_model_props(onnx_model, {
        "source": "npm %s models/centernet.json + centernet.bin" % package,
        "source_integrity": integrity,
        "source_license": "MIT (@vladmandic/human); weights from github.com/610265158/mobilenetv3_centernet",
        "labels": "COCO 80 classes in human's src/object/labels.ts order, index 0 = person",
    })
    onnx.checker.check_model(onnx_model, full_check=True)
    with open(out_path, "wb") as out:
        out.write(onnx_model.SerializeToString())
    print("%s: %d nodes, %d initializers, %d bytes" % (out_path, len(converter.onnx_nodes),
                                                      len(converter.initializers), os.path.getsize(out_path)))


if __name__ == "__main__":
    main(sys.argv)
