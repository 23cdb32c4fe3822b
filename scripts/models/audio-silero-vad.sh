#!/usr/bin/env bash
# Re-creates bundles/audio/src/main/resources/models/silero_vad_v5_16k.onnx from the npm package that ships Silero VAD
# v5, and checks it against the committed SHA-256 (the audio module checks it again at every load). Preparation only.
#
#   scripts/models/audio-silero-vad.sh            # writes the model, fails if it differs from the committed one
#
# Needs curl, openssl, and Debian's /usr/bin/python3 with python3-onnx (1.12). When java and the ONNX Runtime jar
# (in ~/.m2 once bundles/ml is built) are there, it also runs both models on 300 frames of test audio, the original
# with sr = 16000, and fails unless the speech probabilities and the recurrent state are identical.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
models=$root/bundles/audio/src/main/resources/models
package=@ricky0123/vad-web
version=0.0.31
# npm view @ricky0123/vad-web@0.0.31 dist.integrity
integrity='sha512-ePVq8TvB21sdHSxVMZOEIf9JVa7MAYpaIaNXeGgsPOiMCN8xbPCdF2LS5aYj7VRR3ZxzutedgV9ZplV65IA1Fg=='
# SHA-256 of dist/silero_vad_v5.onnx in that tarball (the file as Silero published it).
original_sha256=2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/npm-fetch.sh" "$package" "$version" "$integrity" "$work"
original=$work/package/dist/silero_vad_v5.onnx
echo "$original_sha256  $original" | sha256sum --check --quiet

/usr/bin/python3 "$here/audio-silero-vad.py" "$original" "$work/silero_vad_v5_16k.onnx"
ort_jar=${ORT_JAR:-$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.21.1/onnxruntime-1.21.1.jar}
if command -v java >/dev/null && [ -f "$ort_jar" ]; then
	cat >"$work/SameOutputs.java" <<'JAVA'
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Random;

/** Runs the original (with sr) and the fixed model frame by frame, each on its own state, and compares. */
public class SameOutputs {
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession original = env.createSession(args[0], new OrtSession.SessionOptions());
                OrtSession fixed = env.createSession(args[1], new OrtSession.SessionOptions())) {
            Random random = new Random(1);
            float[] s1 = new float[256];
            float[] s2 = new float[256];
            double maxDiff = 0;
            for (int frame = 0; frame < 300; frame++) {
                float[] x = new float[576];
                double amplitude = (frame / 20) % 2 == 0 ? 0.01 : 0.4; // alternating quiet and loud stretches
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (amplitude * Math.sin(i * 0.03 * (1 + frame % 5)) + 0.01 * random.nextGaussian());
                }
                try (OrtSession.Result a = original.run(Map.of(
                                "input", OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 576}),
                                "state", OnnxTensor.createTensor(env, FloatBuffer.wrap(s1), new long[] {2, 1, 128}),
                                "sr", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {16000}), new long[0])));
                        OrtSession.Result b = fixed.run(Map.of(
                                "input", OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 576}),
                                "state", OnnxTensor.createTensor(env, FloatBuffer.wrap(s2), new long[] {2, 1, 128})))) {
                    maxDiff = Math.max(maxDiff, Math.abs(((float[][]) a.get(0).getValue())[0][0]
                            - ((float[][]) b.get(0).getValue())[0][0]));
                    s1 = ((OnnxTensor) a.get(1)).getFloatBuffer().array();
                    s2 = ((OnnxTensor) b.get(1)).getFloatBuffer().array();
                    for (int i = 0; i < 256; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(s1[i] - s2[i]));
                    }
                }
            }
            System.out.println("original (sr = 16000) and fixed model over 300 frames: max difference " + maxDiff);
            System.exit(maxDiff == 0 ? 0 : 1);
        }
    }
}
JAVA
	java -cp "$ort_jar" "$work/SameOutputs.java" "$original" "$work/silero_vad_v5_16k.onnx"
else
	echo "java or $ort_jar missing: outputs not compared with the original" >&2
fi
mkdir -p "$models"
cp "$work/silero_vad_v5_16k.onnx" "$models/silero_vad_v5_16k.onnx"
if [ -f "$models/silero_vad_v5_16k.onnx.sha256" ]; then
	(cd "$models" && sha256sum --check silero_vad_v5_16k.onnx.sha256)
else
	(cd "$models" && sha256sum silero_vad_v5_16k.onnx >silero_vad_v5_16k.onnx.sha256)
	echo "wrote $models/silero_vad_v5_16k.onnx.sha256"
fi
