#!/usr/bin/env bash
# Makes the vision module's object detector: fetches MB3-CenterNet (80 COCO classes, TFJS graph, float16 weights)
# from the npm package @vladmandic/human, converts it to ONNX with Debian's python3-onnx, and writes
#
#   bundles/vision/src/main/resources/models/centernet.onnx          (~4 MB; the bundle ships and loads it)
#   bundles/vision/src/main/resources/models/centernet.onnx.sha256   (checked by the module at load)
#
# The conversion is byte-for-byte reproducible, so the committed checksum shows the committed file is this
# script's output. Preparation only: nothing in cogos fetches at run time.
#
#   scripts/models/vision-centernet.sh            fetch + convert + checksum
#   scripts/models/vision-centernet.sh --verify   also run the original TFJS model (pure-JS CPU backend) and the
#                                                 ONNX model (onnxruntime-node) on the same inputs, report the
#                                                 largest differences, and rewrite the TFJS reference detections
#                                                 the Java decoder is tested against (npm packages needed once)
set -euo pipefail

HUMAN_VERSION=3.3.6
HUMAN_INTEGRITY=sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==
# The verifier's tools, pinned: TFJS as human 3.3.6 bundles it, and ORT of the line cogos-ml embeds.
TFJS_VERSION=4.22.0
ORT_NODE_VERSION=1.21.1

verify=false
case ${1:-} in
--verify) verify=true ;;
"") ;;
*) echo "usage: $0 [--verify]" >&2; exit 64 ;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/bundles/vision/src/main/resources/models
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/scripts/models/npm-fetch.sh" @vladmandic/human "$HUMAN_VERSION" "$HUMAN_INTEGRITY" "$work"
mkdir -p "$out"
/usr/bin/python3 "$root/scripts/models/vision-centernet-onnx.py" "$work/package/models/centernet.json" \
	"$out/centernet.onnx" "@vladmandic/human@$HUMAN_VERSION" "$HUMAN_INTEGRITY"
(cd "$out" && sha256sum centernet.onnx > centernet.onnx.sha256 && cat centernet.onnx.sha256)

if $verify; then
	tools=${XDG_CACHE_HOME:-$HOME/.cache}/cogos/vision-verify-tfjs$TFJS_VERSION-ort$ORT_NODE_VERSION
	if [ ! -d "$tools/node_modules/onnxruntime-node" ] || [ ! -d "$tools/node_modules/@tensorflow/tfjs" ]; then
		mkdir -p "$tools"
		# --ignore-scripts: both ship what they need in their tarballs; nothing is downloaded at install.
		(cd "$tools" && npm install --no-save --no-audit --no-fund --ignore-scripts \
			"@tensorflow/tfjs@$TFJS_VERSION" "onnxruntime-node@$ORT_NODE_VERSION")
	fi
	resources=$root/bundles/vision/src/test/resources/org/cogos/vision/internal
	/usr/bin/python3 -c 'import sys; from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
assert image.size == (512, 512), image.size
open(sys.argv[2], "wb").write(image.tobytes())' "$resources/astronaut.png" "$work/astronaut.rgb"
	node "$root/scripts/models/vision-centernet-verify.mjs" "$tools/node_modules" \
		"$work/package/models/centernet.json" "$out/centernet.onnx" \
		--reference "$resources/astronaut-tfjs-detections.tsv" "$work/astronaut.rgb"
fi
