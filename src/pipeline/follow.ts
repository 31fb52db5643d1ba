/**
 * Follows the faces of the last video frame by reading only the pixels their crops need. A
 * tracked frame otherwise turns the whole frame into a float tensor first: 3 ms of a 640×480
 * frame's 20 on wasm, and more in proportion at larger sizes, while the crops read a fraction of it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cropSpan, unionBox, type Roi } from '../shape/geometry';
import type { Pixels } from '../image/image-input';
import { spanTensor } from '../image/image-tensor';
import { LANDMARK_INPUT, runLandmarks, type Landmarker, type MeshResult } from './landmarker';

/** The meshes at `rois` of the image, in its pixels, from the span of it they need. */
export async function meshesInSpan(landmarker: Landmarker, pixels: Pixels, rois: readonly Roi[]): Promise<MeshResult[]> {
  const span = unionBox(rois.map((r) => cropSpan(r, LANDMARK_INPUT, pixels.width, pixels.height)));
  if (span.xMax - span.xMin < 1 || span.yMax - span.yMin < 1) return [];
  const { xMin: dx, yMin: dy } = span;
  const part = spanTensor(pixels, span);
  let meshes: MeshResult[];
  try {
    meshes = await runLandmarks(landmarker, part, rois.map((r) => ({ ...r, cx: r.cx - dx, cy: r.cy - dy })));
  } finally {
    tf.dispose(part);
  }
  return meshes.map((m) => ({
    ...m,
    roi: { ...m.roi, cx: m.roi.cx + dx, cy: m.roi.cy + dy },
    mesh: m.mesh.map((p) => ({ x: p.x + dx, y: p.y + dy, z: p.z })),
  }));
}
