/**
 * Smooths the faces of a video frame by frame: each face keeps a One Euro filter per point
 * coordinate, in pixels, with speed measured in face widths, so one setting suits near and far
 * faces. Faces are matched to the previous frame's by position, since the order of a response
 * (largest first) can swap when two faces are about the same size.
 */
import type { Vec2 } from './geometry';
import { FACE_POINT_FILTER, OneEuroFilter, type OneEuroParams } from './one-euro';

interface Extent {
  cx: number;
  cy: number;
  width: number;
}

interface Track {
  extent: Extent;
  /** Two filters (x, y) per point. */
  filters: OneEuroFilter[];
}

export function pointsExtent(points: readonly Vec2[]): Extent {
  let minX = Infinity;
  let maxX = -Infinity;
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    sumX += p.x;
    sumY += p.y;
  }
  const n = Math.max(1, points.length);
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

export class PointSmoother {
  private tracks: Track[] = [];

  constructor(private params: OneEuroParams = FACE_POINT_FILTER) {}

  /** New parameters for the filters from now on (their state is kept). */
  setParams(params: OneEuroParams): void {
    this.params = params;
    for (const t of this.tracks) for (const f of t.filters) f.setParams(params);
  }

  /**
   * The faces of the frame taken at `timeSec` (each a list of points, in the same order every
   * frame), smoothed. A face not seen in the previous frame, or with another number of
   * points, is given as it is and starts its own filters.
   */
  smooth<P extends Vec2>(faces: readonly (readonly P[])[], timeSec: number): P[][] {
    const extents = faces.map(pointsExtent);
    const match = matchFaces(
      this.tracks.map((t) => t.extent),
      extents,
    );
    this.tracks = faces.map((points, i): Track => {
      const old = match[i]! >= 0 ? this.tracks[match[i]!] : undefined;
      const filters = old && old.filters.length === 2 * points.length ? old.filters : Array.from({ length: 2 * points.length }, () => new OneEuroFilter(this.params));
      return { extent: extents[i]!, filters };
    });
    return faces.map((points, i) => {
      const { filters, extent } = this.tracks[i]!;
      const scale = 1 / extent.width;
      return points.map((p, k) => ({ ...p, x: filters[2 * k]!.filter(p.x, timeSec, scale), y: filters[2 * k + 1]!.filter(p.y, timeSec, scale) }));
    });
  }

  reset(): void {
    this.tracks = [];
  }
}
