#!/usr/bin/python3
"""Fixes the sample rate of Silero VAD v5 to 16 kHz, so the model has float32 inputs only.

Run with Debian's python3 (python3-onnx 1.12); scripts/models/audio-silero-vad.sh calls it:
    /usr/bin/python3 scripts/models/audio-silero-vad.py silero_vad_v5.onnx out.onnx

The original takes input[N,T] float, state[2,N,128] float and sr int64 (a scalar); cogos' InferenceService passes
float32 tensors only. Its graph is `If(sr == 16000) then <16 kHz network> else <8 kHz network>`. This replaces the
graph by the 16 kHz branch (the nodes of `then_branch`, unchanged; they read `input` and `state` from the outer
scope) and drops `sr`: the same computation as the original with sr = 16000, and half the file (the 8 kHz weights
go). Nothing is retrained or re-quantised. The output is byte-for-byte reproducible (protobuf serialises fields in
order, the producer fields are fixed here), so a committed SHA-256 proves the file came from this script.
"""
import sys

import onnx
from onnx import checker, helper, numpy_helper


def main(source, target):
    model = onnx.load(source)
    graph = model.graph
    kinds = [n.op_type for n in graph.node]
    if kinds != ["Constant", "Equal", "If", "Identity", "Identity"] or [i.name for i in graph.input] != [
            "input", "state", "sr"]:
        sys.exit(f"{source}: not the Silero VAD v5 graph this script knows (nodes {kinds})")
    const, equal, branch, out_id, state_id = graph.node
    if list(equal.input) != ["sr", const.output[0]] or int(numpy_helper.to_array(const.attribute[0].t)) != 16000:
        sys.exit(f"{source}: the If does not test sr == 16000")
    then_graph = next(a.g for a in branch.attribute if a.name == "then_branch")
    if len(then_graph.input) or len(then_graph.initializer):
        sys.exit("the 16 kHz branch has inputs or initializers; this script expects neither")
    # The If's outputs were If_0_outputs_{0,1}; the Identity nodes map them to output and stateN. Rename the
    # branch's outputs to the graph's output names directly.
    renames = {then_graph.output[0].name: out_id.output[0], then_graph.output[1].name: state_id.output[0]}
    nodes = []
    for node in then_graph.node:
        new = onnx.NodeProto()
        new.CopyFrom(node)
        for i, name in enumerate(new.output):
            if name in renames:
                new.output[i] = renames[name]
        nodes.append(new)
    inputs = [i for i in graph.input if i.name != "sr"]
    new_graph = helper.make_graph(nodes, graph.name or "silero_vad_16k", inputs, list(graph.output))
    fixed = helper.make_model(new_graph, opset_imports=list(model.opset_import),
                              producer_name="cogos audio-silero-vad.py", producer_version="1")
    fixed.ir_version = model.ir_version
    fixed.doc_string = ("Silero VAD v5 (MIT, github.com/snakers4/silero-vad) from npm @ricky0123/vad-web, "
                        "sample rate fixed to 16000 Hz by cogos scripts/models/audio-silero-vad.py")
    checker.check_model(fixed)
    onnx.save(fixed, target)
    print(f"{target}: {len(nodes)} nodes, inputs {[i.name for i in inputs]}, outputs "
          f"{[o.name for o in graph.output]}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: audio-silero-vad.py <silero_vad_v5.onnx> <out.onnx>")
    main(sys.argv[1], sys.argv[2])
