/**
 * Follows the faces of the last video frame by reading only the pixels their crops need. A
 * tracked frame otherwise turns the whole frame into a float tensor first: 3 ms of a 640×480
 * frame's 20 on wasm, and more in proportion at larger sizes, while the crops read a fraction of it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cropSpan, unionBox, type Roi } from '../shape/geometry';
import type { Pixels } from '../image/image-input';
import { spanTensor, type PixelSpan } from '../image/image-tensor';
import type { GrayPatch, PatchBox } from '../shape/face-patch';
import { grayPatch, grayPatchFromPixels } from './gray-patch';
import { LANDMARK_INPUT, runLandmarks, type Landmarker, type MeshResult } from './landmarker';

export interface SpanMeshes {
  meshes: MeshResult[];
  /**
   * A face's grey patch for the point refinement: cut from the span already turned into
   * floats for the meshes when the patch lies inside it (the usual case: the mesh's crop is
   * wider than the patch), else read from the frame. Only until dispose().
   */
  patch(box: PatchBox): GrayPatch;
  dispose(): void;
}

const inside = (box: PatchBox, span: PixelSpan): boolean =>
  box.left >= span.xMin && box.top >= span.yMin && box.left + box.side <= span.xMax - 1 && box.top + box.side <= span.yMax - 1;

/** The meshes at `rois` of the image, in its pixels, from the span of it they need. */
export async function meshesInSpan(landmarker: Landmarker, pixels: Pixels, rois: readonly Roi[]): Promise<SpanMeshes> {
  const span = unionBox(rois.map((r) => cropSpan(r, LANDMARK_INPUT, pixels.width, pixels.height)));
  if (span.xMax - span.xMin < 1 || span.yMax - span.yMin < 1) return { meshes: [], patch: (box) => grayPatchFromPixels(pixels, box), dispose: () => undefined };
  const { xMin: dx, yMin: dy } = span;
  const part = spanTensor(pixels, span);
  let meshes: MeshResult[];
  try {
    meshes = await runLandmarks(landmarker, part, rois.map((r) => ({ ...r, cx: r.cx - dx, cy: r.cy - dy })));
  } catch (e) {
    tf.dispose(part);
    throw e;
  }
  return {
    meshes: meshes.map((m) => ({
      ...m,
      roi: { ...m.roi, cx: m.roi.cx + dx, cy: m.roi.cy + dy },
      mesh: m.mesh.map((p) => ({ x: p.x + dx, y: p.y + dy, z: p.z })),
    })),
    patch: (box) => (inside(box, span) ? grayPatch(part, box, 1, { x: dx, y: dy }) : grayPatchFromPixels(pixels, box)),
    dispose: () => tf.dispose(part),
  };
}
