/**
 * What track() remembers between frames: the crops of the faces it follows, in pixels of the
 * frame, and how long ago the detectors last looked for new faces.
 */
import type { Roi } from '../shape/geometry';
import { roiFromMesh } from '../pipeline/face-finder';
import type { MeshResult } from '../pipeline/landmarker';

/** While following fewer faces than wanted, look for new ones this often (frames). */
export const REDETECT_EVERY = 10;

export class Tracker {
  private crops: Roi[] = [];
  private framesSinceDetect = 0;

  get following(): boolean {
    return this.crops.length > 0;
  }

  /** The followed crops, in pixels of a frame scaled by `scale` (the work tensor's). */
  cropsAt(scale: number): Roi[] {
    return this.crops.map((r) => ({ ...r, cx: r.cx * scale, cy: r.cy * scale, size: r.size * scale }));
  }

  /** A new frame arrived. */
  nextFrame(): void {
    this.framesSinceDetect++;
  }

  /** Whether the detectors must look, with `found` faces followed into this frame. */
  detectionDue(found: number, limit: number): boolean {
    return found === 0 || (found < limit && this.framesSinceDetect >= REDETECT_EVERY);
  }

  detected(): void {
    this.framesSinceDetect = 0;
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
  }
}
