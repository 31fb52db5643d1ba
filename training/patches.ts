/**
 * Caches, for every face of training/cache/faces-<version>.json with a mesh, the grey patch the
 * point refinement reads (shape/face-patch.ts), cut by the runtime's own crop (pipeline/gray-patch.ts)
 * from the crop's pixels: training/cache/patches-<version>.bin, PATCH_SIDE² float32 a face in the
 * cache's order (faces without a mesh skipped). Photo pixels: the cache is never committed.
 */
import '../test/support/setup';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadPixels } from '../test/support/images';
import { rgbInto } from '../src/image/image-tensor';
import { grayPatch } from '../src/pipeline/gray-patch';
import { patchBox } from '../src/shape/face-patch';
import { CACHE_DIR, FACES_TRAIN } from './data';
import { loadFaces, meshOf } from './dataset';

await tf.setBackend('cpu');
for (const version of ['3.0', '2.0'] as const) {
  const out = join(CACHE_DIR, `patches-${version}.bin`);
  if (existsSync(out)) {
    console.log(`${out} exists: delete it to cut the patches again`);
    continue;
  }
  const fd = openSync(`${out}.part`, 'w');
  for (const face of loadFaces(version)) {
    if (!face.mesh) continue;
    const pixels = await loadPixels(join(FACES_TRAIN, 'images', face.file));
    const rgb = new Float32Array(pixels.width * pixels.height * 3);
    rgbInto(pixels.data, rgb);
    const image = tf.tensor3d(rgb, [pixels.height, pixels.width, 3]);
    const patch = grayPatch(image, patchBox(meshOf(face)), 1);
    image.dispose();
    writeSync(fd, new Uint8Array(patch.data.buffer, patch.data.byteOffset, patch.data.byteLength));
  }
  closeSync(fd);
  renameSync(`${out}.part`, out);
  console.log(`${version}: patches → ${out}`);
}
