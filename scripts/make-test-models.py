#!/usr/bin/python3
"""Builds the tiny ONNX test models of bundles/ml (no model hub: the weights are fixed here).

Run with Debian's python3 (apt-get install python3-onnx python3-numpy):
    /usr/bin/python3 scripts/make-test-models.py bundles/ml/src/test/resources/models
It writes classifier.onnx, add.onnx and SHA256SUMS. The output is byte-for-byte reproducible (fixed weights, fixed
producer fields), so the committed checksums prove the committed files come from this script.
"""
import hashlib
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, checker, helper, numpy_helper

OPSET = 13

# classifier: y = softmax(x W + b), x [N,4] -> y [N,3]. Weights in the Java test must match these.
W = np.array([[0.5, -1.0, 0.25],
              [1.5, 0.75, -0.5],
              [-0.25, 0.5, 1.0],
              [0.125, -0.375, 0.625]], dtype=np.float32)
B = np.array([0.1, -0.2, 0.3], dtype=np.float32)


def save(model, path):
    model.producer_name = "cogos make-test-models.py"
    model.producer_version = "1"
    checker.check_model(model)
    with open(path, "wb") as f:
        f.write(model.SerializeToString())


def classifier():
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 4])
    y = helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])
    nodes = [
        helper.make_node("Gemm", ["input", "W", "B"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(nodes, "classifier", [x], [y],
                              [numpy_helper.from_array(W, "W"), numpy_helper.from_array(B, "B")])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


def add():
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, [2, 3])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, [2, 3])
    s = helper.make_tensor_value_info("sum", TensorProto.FLOAT, [2, 3])
    graph = helper.make_graph([helper.make_node("Add", ["a", "b"], ["sum"])], "add", [a, b], [s])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-test-models.py OUTPUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    sums = []
    for name, model in (("add.onnx", add()), ("classifier.onnx", classifier())):
        path = os.path.join(out, name)
        save(model, path)
        with open(path, "rb") as f:
            sums.append("%s  %s\n" % (hashlib.sha256(f.read()).hexdigest(), name))
    with open(os.path.join(out, "SHA256SUMS"), "w") as f:
        f.writelines(sums)


if __name__ == "__main__":
    main()
