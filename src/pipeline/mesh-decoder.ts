/**
 * Turns the landmark models' raw outputs into one 468- or 478-point mesh in crop pixels.
 * The attention model's extra heads (lips, eyes, irises) overwrite the mesh vertices they
 * refine, as MediaPipe's LandmarksRefinementCalculator does; the tables are its own.
 */
import type { Vec3 } from '../shape/geometry';

export const MESH_POINTS = 468;
export const REFINED_MESH_POINTS = 478;

/** Model output name, how many values a point has, and which mesh vertices it writes. */
export interface RefinementHead {
  output: string;
  dims: 2 | 3;
  vertices: readonly number[];
  /** 'copy': take z from the head; 'keep': leave the mesh's z; number[]: mean z of these vertices. */
  z: 'copy' | 'keep' | readonly number[];
}

const LEFT_EYE_CONTOUR = [33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173];
const RIGHT_EYE_CONTOUR = [263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398];

const LIPS = [
  61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 185, 40, 39, 37, 0, 267, 269, 270, 409,
  78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 191, 80, 81, 82, 13, 312, 311, 310, 415,
  76, 77, 90, 180, 85, 16, 315, 404, 320, 307, 306, 184, 74, 73, 72, 11, 302, 303, 304, 408,
  62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292, 183, 42, 41, 38, 12, 268, 271, 272, 407,
];

const LEFT_EYE_REGION = [
  ...LEFT_EYE_CONTOUR,
  130, 25, 110, 24, 23, 22, 26, 112, 243, 247, 30, 29, 27, 28, 56, 190,
  226, 31, 228, 229, 230, 231, 232, 233, 244, 113, 225, 224, 223, 222, 221, 189,
  35, 124, 46, 53, 52, 65,
  143, 111, 117, 118, 119, 120, 121, 128, 245, 156, 70, 63, 105, 66, 107, 55, 193,
];

const RIGHT_EYE_REGION = [
  ...RIGHT_EYE_CONTOUR,
  359, 255, 339, 254, 253, 252, 256, 341, 463, 467, 260, 259, 257, 258, 286, 414,
  446, 261, 448, 449, 450, 451, 452, 453, 464, 342, 445, 444, 443, 442, 441, 413,
  265, 353, 276, 283, 282, 295,
  372, 340, 346, 347, 348, 349, 350, 357, 465, 383, 300, 293, 334, 296, 336, 285, 417,
];

export const MESH_HEAD: RefinementHead = {
  output: 'output_mesh',
  dims: 3,
  vertices: Array.from({ length: MESH_POINTS }, (_, i) => i),
  z: 'copy',
};

/** Heads of the attention model, in the order they are applied. */
export const ATTENTION_HEADS: readonly RefinementHead[] = [
  { ...MESH_HEAD, output: 'output_mesh_identity' },
  { output: 'output_lips', dims: 2, vertices: LIPS, z: 'keep' },
  { output: 'Identity_1:0', dims: 2, vertices: LEFT_EYE_REGION, z: 'keep' },
  { output: 'Identity_5:0', dims: 2, vertices: RIGHT_EYE_REGION, z: 'keep' },
  { output: 'Identity_2:0', dims: 2, vertices: [468, 469, 470, 471, 472], z: LEFT_EYE_CONTOUR },
  { output: 'Identity_6:0', dims: 2, vertices: [473, 474, 475, 476, 477], z: RIGHT_EYE_CONTOUR },
];

/** Builds the mesh from each head's flat output (same order as `heads`). */
export function decodeMesh(heads: readonly RefinementHead[], outputs: readonly Float32Array[]): Vec3[] {
  const count = heads.some((h) => h.vertices.includes(MESH_POINTS)) ? REFINED_MESH_POINTS : MESH_POINTS;
  const mesh: Vec3[] = Array.from({ length: count }, () => ({ x: 0, y: 0, z: 0 }));
  heads.forEach((head, h) => {
    const data = outputs[h]!;
    const zMean =
      typeof head.z === 'object' ? head.z.reduce((s, v) => s + mesh[v]!.z, 0) / head.z.length : 0;
    head.vertices.forEach((v, i) => {
      const p = mesh[v]!;
      p.x = data[i * head.dims]!;
      p.y = data[i * head.dims + 1]!;
      if (head.z === 'copy') p.z = data[i * head.dims + 2]!;
      else if (typeof head.z === 'object') p.z = zMean;
    });
  });
  return mesh;
}
