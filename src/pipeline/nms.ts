import { iou } from '../shape/geometry';
import type { RawDetection } from './anchors';

/**
 * Weighted non-maximum suppression (MediaPipe's choice for BlazeFace): overlapping
 * detections of one face are averaged, weighted by score, which steadies the box far more
 * than keeping only the best one. Highest score first.
 */
export function weightedNms(detections: readonly RawDetection[], iouThreshold: number): RawDetection[] {
  const rest = [...detections].sort((a, b) => b.score - a.score);
  const out: RawDetection[] = [];
  while (rest.length > 0) {
    const best = rest[0]!;
    const cluster = rest.filter((d) => iou(best, d) > iouThreshold);
    const keep = rest.filter((d) => iou(best, d) <= iouThreshold);
    rest.splice(0, rest.length, ...keep);
    const total = cluster.reduce((s, d) => s + d.score, 0);
    const avg = (f: (d: RawDetection) => number): number => cluster.reduce((s, d) => s + f(d) * d.score, 0) / total;
    out.push({
      score: best.score,
      xMin: avg((d) => d.xMin),
      yMin: avg((d) => d.yMin),
      xMax: avg((d) => d.xMax),
      yMax: avg((d) => d.yMax),
      keypoints: best.keypoints.map((_, k) => ({ x: avg((d) => d.keypoints[k]!.x), y: avg((d) => d.keypoints[k]!.y) })),
    });
  }
  return out;
}
