/** What the bench page asks of each engine it compares: the same three jobs, timed alike. */
import type { FaceShape, TrackOptions } from '/faceshape.js';

export type EngineName = 'ours' | 'worker' | 'raw' | 'mediapipe';
export type TfBackend = 'webgl' | 'wasm' | 'cpu';

export interface Engine {
  /** What it really runs on. */
  backend: string;
  /** A still photo, detection every call; resolves to the number of faces found. */
  photo(image: HTMLImageElement): Promise<number>;
  /** A group photo (every face, up to 10). */
  group(image: HTMLImageElement): Promise<number>;
  /** One frame of a video, following the faces of the frames before; the points to draw. */
  frame(frame: HTMLCanvasElement): Promise<Array<Array<{ x: number; y: number }>>>;
  /** faceshape's own: track() with these options (the video jobs of video.ts). */
  track?(frame: HTMLCanvasElement, options: TrackOptions): Promise<FaceShape[]>;
  resetTracking?(): void;
  /** Tensors the TF.js engine holds now, where the engine is TF.js. */
  tensors(): number | null;
  close(): void;
}

interface TfEngine {
  memory(): { numTensors: number };
}

/** TF.js keeps one engine per page on globalThis, whichever copy of tfjs-core made it. */
export function tfTensors(): number | null {
  const engine = (globalThis as { _tfengine?: TfEngine })._tfengine;
  return engine ? engine.memory().numTensors : null;
}
