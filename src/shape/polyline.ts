/** Arc-length sampling of polylines, used to spread contour points evenly. */
import { distance, lerp, type Vec2 } from './geometry';

export function polylineLength(points: readonly Vec2[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i++) length += distance(points[i - 1]!, points[i]!);
  return length;
}

/** The point at fraction `t` (0..1) of the polyline's length. */
export function pointAlong(points: readonly Vec2[], t: number): Vec2 {
  const target = Math.min(1, Math.max(0, t)) * polylineLength(points);
  let walked = 0;
  for (let i = 1; i < points.length; i++) {
    const step = distance(points[i - 1]!, points[i]!);
    if (walked + step >= target && step > 0) return lerp(points[i - 1]!, points[i]!, (target - walked) / step);
    walked += step;
  }
  return { ...points[points.length - 1]! };
}

/** `count` points spread evenly from the first to the last point, both included. */
export function resample(points: readonly Vec2[], count: number): Vec2[] {
  return Array.from({ length: count }, (_, i) => pointAlong(points, count === 1 ? 0 : i / (count - 1)));
}
