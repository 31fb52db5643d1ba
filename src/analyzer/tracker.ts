/**
 * What track() remembers between frames: the crops of the faces it follows, in pixels of the
 * frame, how long ago the detectors last looked for new faces, which tile they look at next,
 * and the smoothing filters of the points it gave.
 */
import type { Roi, Vec2 } from '../shape/geometry';
import type { OneEuroParams } from '../shape/one-euro';
import { PointSmoother } from '../shape/point-smoother';
import type { SearchBudget } from '../pipeline/face-finder';
import { roiFromMesh } from '../pipeline/face-finder';
import type { MeshResult } from '../pipeline/landmarker';

/** While following fewer faces than wanted, look for new ones this often (frames). */
export const REDETECT_EVERY = 10;
/**
 * A photo's search runs the full-range detector on the whole image and, when it finds nothing
 * or only small faces, on every tile (4 in most photos): about 15 ms each on wasm. Video searches so
 * only on its first frame (after a reset); after that, a frame that must look gets one such
 * pass, in turn: the whole frame, a tile, the whole frame, the next tile… (the short-range
 * detector, a few ms, looks at the whole of every such frame). So a frame with nothing in it
 * costs about what a tracked one does, and a face walking in is found at once when close,
 * within 2 frames when wider than a tenth of the frame, and within one round of the tiles
 * (8 frames at 4:3, 0.27 s at 30 fps) when smaller.
 */
export class Tracker {
  private crops: Roi[] = [];
  private framesSinceDetect = 0;
  private nextTile = 0;
  private scans = 0;
  private frames = 0;
  private readonly smoother = new PointSmoother();

  get following(): boolean {
    return this.crops.length > 0;
  }

  /** The followed crops, in pixels of a frame scaled by `scale` (the work tensor's). */
  cropsAt(scale: number): Roi[] {
    return this.crops.map((r) => ({ ...r, cx: r.cx * scale, cy: r.cy * scale, size: r.size * scale }));
  }

  /** A new frame arrived; returns its number since the last reset (0 first). */
  nextFrame(): number {
    this.framesSinceDetect++;
    return this.frames++;
  }

  /**
   * The faces' points (each face's answer points, in the frame's pixels) smoothed with those of
   * the frames before (taken at `timeSec`); as they are, and the filters forgotten, when `params` is null.
   */
  smooth<P extends Vec2>(faces: readonly (readonly P[])[], timeSec: number, params: OneEuroParams | null): P[][] {
    if (!params) {
      this.smoother.reset();
      return faces.map((f) => [...f]);
    }
    this.smoother.setParams(params);
    return this.smoother.smooth(faces, timeSec);
  }

  /** Whether the detectors must look, with `found` faces followed into this frame. */
  detectionDue(found: number, limit: number): boolean {
    return found === 0 || (found < limit && this.framesSinceDetect >= REDETECT_EVERY);
  }

  detected(): void {
    this.framesSinceDetect = 0;
  }

  /** What the detectors may look at in this frame (see the note above the class). */
  searchBudget(): SearchBudget {
    const scan = this.scans++;
    const wholeFrame = scan % 2 === 0;
    return {
      wholeFrame,
      pickTiles: (all) => {
        if (scan === 0) return all;
        if (wholeFrame || all.length === 0) return [];
        const tile = all[this.nextTile % all.length]!;
        this.nextTile = (this.nextTile + 1) % all.length;
        return [tile];
      },
    };
  }

  /** Keeps the crops of this frame's faces (found at `scale`) for the next frame. */
  follow(faces: readonly MeshResult[], scale: number): void {
    this.crops = faces.map((f) => {
      const r = roiFromMesh(f.mesh);
      return { ...r, cx: r.cx / scale, cy: r.cy / scale, size: r.size / scale };
    });
  }

  reset(): void {
    this.crops = [];
    this.nextTile = 0;
    this.scans = 0;
    this.frames = 0;
    this.smoother.reset();
  }
}
