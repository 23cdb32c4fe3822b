// Runs the original TFJS CenterNet (pure-JS CPU backend of @tensorflow/tfjs) and the converted ONNX model (ONNX
// Runtime for node, same 1.21 line as cogos-ml) on the same inputs and reports the largest differences of the two
// heads. Optionally writes the TFJS graph's own decoded detections (tower_0/detections: top 100 heat-map peaks as
// x0 y0 x1 y1 score class, in 512x512 input pixels) for one input, the reference the vision module's Java decoder
// is tested against.
//
//   node scripts/models/vision-centernet-verify.mjs <node_modules> <centernet.json> <centernet.onnx> \
//        [--reference <out.tsv>] [<image.rgb> ...]
//
// <image.rgb> is 512*512*3 bytes of RGB; a seeded noise image and a gradient are always checked as well.
// Exits 1 when a difference exceeds the tolerance.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
if (args.length < 3) {
  console.error('usage: vision-centernet-verify.mjs <node_modules> <centernet.json> <centernet.onnx> '
    + '[--reference <out.tsv>] [<image.rgb> ...]');
  process.exit(64);
}
const [modules, jsonPath, onnxPath, ...rest] = args;
let referencePath = null;
const images = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--reference') referencePath = rest[++i];
  else images.push(rest[i]);
}
const require = createRequire(resolve(modules, 'package.json'));
const tf = require('@tensorflow/tfjs');
const ort = require('onnxruntime-node');

const SIZE = 512;
// float32 arithmetic in a different order (fused vs. separate ops, NCHW vs. NHWC) over ~60 layers: the heat map is a
// sigmoid in 0..1 and the box edges are up to ~512 px, so these bounds are tight for what they measure.
const TOLERANCE = { keypoints: 1e-4, wh: 1e-2 };

async function loadTfjs() {
  const model = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const specs = model.weightsManifest.flatMap((group) => group.weights);
  const buffers = model.weightsManifest.flatMap((group) => group.paths)
    .map((path) => readFileSync(join(dirname(jsonPath), path)));
  const data = Buffer.concat(buffers);
  const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  return tf.loadGraphModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: specs, weightData }));
}

function noise() {
  const pixels = new Uint8Array(SIZE * SIZE * 3);
  let state = 12345;
  for (let i = 0; i < pixels.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    pixels[i] = state >>> 24;
  }
  return pixels;
}

function gradient() {
  const pixels = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 3;
      pixels[i] = x >> 1;
      pixels[i + 1] = y >> 1;
      pixels[i + 2] = (x + y) >> 2;
    }
  }
  return pixels;
}

function maxAbsDiff(a, b) {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

await tf.setBackend('cpu');
const tfjsModel = await loadTfjs();
const session = await ort.InferenceSession.create(onnxPath);
const inputs = [['noise', noise()], ['gradient', gradient()]];
for (const path of images) {
  const pixels = new Uint8Array(readFileSync(path));
  if (pixels.length !== SIZE * SIZE * 3) throw new Error(`${path}: ${pixels.length} bytes, expected ${SIZE * SIZE * 3}`);
  inputs.push([path, pixels]);
}

let failed = false;
for (const [name, pixels] of inputs) {
  const floats = Float32Array.from(pixels);
  const images4d = tf.tensor4d(floats, [1, SIZE, SIZE, 3]);
  const [keypoints, wh, detections] = tfjsModel.execute(images4d,
    ['tower_0/keypoints', 'tower_0/wh', 'tower_0/detections']);
  const expected = { keypoints: await keypoints.data(), wh: await wh.data() };
  const onnx = await session.run({ images: new ort.Tensor('float32', floats, [1, SIZE, SIZE, 3]) });
  const line = [name];
  for (const output of ['keypoints', 'wh']) {
    const diff = maxAbsDiff(expected[output], onnx[output].data);
    line.push(`${output} max |diff| ${diff.toExponential(2)}`);
    if (!(diff <= TOLERANCE[output])) failed = true;
  }
  const rows = await detections.array();
  line.push(`best TFJS detection: class ${rows[0][0][5]} score ${rows[0][0][4].toFixed(4)}`);
  console.log(line.join('; '));
  if (referencePath && name === images[0]) {
    const tsv = ['# x0\ty0\tx1\ty1\tscore\tclass (TFJS tower_0/detections of ' + name.split('/').pop()
      + ', 512x512 input pixels)'];
    for (const row of rows[0]) tsv.push(row.map((v, i) => (i === 5 ? String(v) : v.toFixed(6))).join('\t'));
    writeFileSync(referencePath, tsv.join('\n') + '\n');
    console.log(`wrote ${referencePath}`);
  }
  tf.dispose([images4d, keypoints, wh, detections]);
}
if (failed) {
  console.error(`a difference exceeds the tolerance ${JSON.stringify(TOLERANCE)}`);
  process.exit(1);
}
