/**
 * Smooths the faces of a live video frame by frame. Each face keeps its own One Euro filters
 * for its 90 points; faces are matched to the previous frame's by position, since the order of
 * the response (largest first) can swap when two faces are about the same size.
 */
import type { FaceShape, Point } from '/faceshape.js';
import { FACE_POINT_FILTER, OneEuroFilter, type OneEuroParams } from './one-euro';

interface Extent {
  cx: number;
  cy: number;
  width: number;
}

interface Track {
  extent: Extent;
  /** Two filters (x, y) per point, in the face's key order. */
  filters: OneEuroFilter[];
}

export function faceExtent(face: FaceShape): Extent {
  let minX = Infinity;
  let maxX = -Infinity;
  let sumX = 0;
  let sumY = 0;
  let n = 0;
  for (const points of Object.values(face) as Point[][]) {
    for (const p of points) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      sumX += p.x;
      sumY += p.y;
      n++;
    }
  }
  return { cx: sumX / n, cy: sumY / n, width: Math.max(1, maxX - minX) };
}

/**
 * Pairs each new face with the nearest old one whose centre is within half a face width,
 * closest pairs first. Returns, per new face, the index of its old face or -1.
 */
export function matchFaces(previous: readonly Extent[], next: readonly Extent[]): number[] {
  const pairs: { i: number; j: number; d: number }[] = [];
  next.forEach((n, i) =>
    previous.forEach((p, j) => {
      const d = Math.hypot(n.cx - p.cx, n.cy - p.cy);
      if (d < 0.5 * Math.max(n.width, p.width)) pairs.push({ i, j, d });
    }),
  );
  pairs.sort((a, b) => a.d - b.d);
  const match = next.map(() => -1);
  const taken = new Set<number>();
  for (const { i, j } of pairs) {
    if (match[i] !== -1 || taken.has(j)) continue;
    match[i] = j;
    taken.add(j);
  }
  return match;
}

export class FaceSmoother {
  private tracks: Track[] = [];

  constructor(private readonly params: OneEuroParams = FACE_POINT_FILTER) {}

  /** The faces of the frame taken at `timeSec`, smoothed (fractional pixels). */
  smooth(faces: readonly FaceShape[], timeSec: number): FaceShape[] {
    const extents = faces.map(faceExtent);
    const match = matchFaces(
      this.tracks.map((t) => t.extent),
      extents,
    );
    const tracks = faces.map((face, i): Track => {
      const old = match[i]! >= 0 ? this.tracks[match[i]!] : undefined;
      const count = (Object.values(face) as Point[][]).reduce((n, g) => n + g.length, 0);
      const filters = old && old.filters.length === 2 * count ? old.filters : Array.from({ length: 2 * count }, () => new OneEuroFilter(this.params));
      return { extent: extents[i]!, filters };
    });
    this.tracks = tracks;
    return faces.map((face, i) => {
      const { filters, extent } = tracks[i]!;
      const scale = 1 / extent.width;
      let k = 0;
      const out = {} as FaceShape;
      for (const [name, points] of Object.entries(face) as [keyof FaceShape, Point[]][]) {
        out[name] = points.map((p) => ({ x: filters[k++]!.filter(p.x, timeSec, scale), y: filters[k++]!.filter(p.y, timeSec, scale) }));
      }
      return out;
    });
  }

  reset(): void {
    this.tracks = [];
  }
}
