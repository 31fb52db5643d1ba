/**
 * The public engine's types: its options, the object createFaceAnalyzer() returns, and what it
 * reports while it loads and runs. The request and response themselves are the contract's.
 */
import type { AnalyzeRequest, AnalyzeResponse, FaceModelVersion, ImageInput } from '../contract/types';
import type { TencentAnalyzeResponse } from '../contract/tencent';
import type { Backend } from '../runtime/backend';
import type { FaceAnalyzeError } from '../contract/errors';

export type { Backend };

export interface AnalyzerOptions {
  /** 'auto' (default): WebGL on a real GPU, wasm where WebGL is a software renderer, cpu last. */
  backend?: Backend | 'auto';
  /** Where the model files are; default: `models/` next to the module. */
  modelBaseUrl?: string | URL;
  /** Where the tfjs wasm binaries are; default: `wasm/` next to the module. */
  wasmBaseUrl?: string | URL;
  /** Most faces mode 0 returns (default 10, as the hosted API). */
  maxFaces?: number;
  /** Model versions to load up front (default ['3.0']); others load on first use. */
  preload?: FaceModelVersion[];
  /**
   * Run every preloaded model once before the analyzer is ready, so the first call does not pay
   * for WebGL's shader compiles (seconds on a software renderer) or wasm's first-run setup.
   * Default false: on the page's thread those compiles would freeze the page while it loads.
   * createWorkerAnalyzer() defaults it to true, since there it blocks nothing.
   */
  warmUp?: boolean;
  /** Milliseconds an `image_url` fetch may take before it fails as `api_error` (default 15000). */
  fetchTimeoutMs?: number;
  /** Replaces the global fetch for models and `image_url` (for Node, tests, or custom caching). */
  fetch?: typeof fetch;
  /** Called while models download, with the bytes so far and the total. */
  onProgress?: (progress: LoadProgress) => void;
  /** Called when the analyzer had to move to another backend (see BackendChange). */
  onBackendChange?: (change: BackendChange) => void;
}

/**
 * The analyzer left its backend: the WebGL context was lost (GPU reset, driver crash, too
 * many contexts in the page). It reloads its models on the next backend in line (wasm, then
 * cpu) and answers the call that was running there, so no call fails for it.
 */
export interface BackendChange {
  from: Backend;
  to: Backend;
  reason: 'context_lost';
}

/** TF.js memory of the engine the analyzers of a page share (tensors of every analyzer). */
export interface AnalyzerStats {
  numTensors: number;
  numBytes: number;
}

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** What is loading now, e.g. "facemesh-attention". */
  step: string;
}

/**
 * The One Euro filter (Casiez, Roussel and Vogel, 2012) that track() runs on every point: a
 * low-pass whose cutoff rises with the point's speed, so a still face gives still points and a
 * moving one is followed without lag. Speeds are in face widths per second, so one setting
 * suits near and far faces. Defaults: `{ minCutoff: 0.5, beta: 40, dCutoff: 1 }`.
 */
export interface SmoothingParams {
  /** Cutoff in Hz of a still point: lower removes more jitter, and lags more when it starts to move. */
  minCutoff: number;
  /** How fast the cutoff rises with speed (Hz per face width per second): higher lags less. */
  beta: number;
  /** Cutoff in Hz of the speed estimate itself. */
  dCutoff: number;
}

export interface TrackOptions {
  mode?: 0 | 1;
  face_model_version?: FaceModelVersion;
  /**
   * Smooths each point from frame to frame (default `true`): see SmoothingParams. `false` gives
   * each frame's points as found; an object changes some of the filter's parameters.
   */
  smoothing?: boolean | Partial<SmoothingParams>;
  /**
   * When the frame was captured, in milliseconds (any clock, increasing), for the smoothing.
   * Default: a VideoFrame's `timestamp`, a `<video>`'s `currentTime`; for other images, frames
   * are taken to be 1/30 s apart. A frame with the time of the previous one repeats its points.
   */
  timestamp?: number;
}

/** What follow() can follow: a playing `<video>` (a camera's, or any other), or a camera's track itself. */
export type FollowSource = HTMLVideoElement | MediaStreamTrack;

/** The frame a followed response was found in, for drawing its points on. */
export interface FollowedFrame {
  /**
   * The frame's pixels: a bitmap where a worker analyzer read the camera itself, else the canvas
   * the video was drawn into. Valid only during the callback (the bitmap is closed, the canvas
   * reused, after it): draw it there, or copy it.
   */
  image: ImageBitmap | HTMLCanvasElement;
  width: number;
  height: number;
  /** Capture time in milliseconds (the camera's clock, or the video's), as given to track(). */
  timestamp: number;
  /** Milliseconds the analysis of this frame took. */
  ms: number;
}

export interface FollowOptions extends Omit<TrackOptions, 'timestamp'> {
  /** A frame that could not be analysed (the next is tried all the same); default: reported as an uncaught error. */
  onError?: (error: FaceAnalyzeError) => void;
}

export interface FaceAnalyzer {
  /** What it really runs on; changes (with onBackendChange) when a lost WebGL context forces a fallback. */
  readonly backend: Backend;
  /** Live tensor count and bytes: equal before and after any number of calls, failed ones included. */
  stats(): AnalyzerStats;
  /** The hosted API's call: any image, every face, the 90-point JSON. */
  analyze(request: AnalyzeRequest & { output: 'tencent' }): Promise<TencentAnalyzeResponse>;
  analyze(request: AnalyzeRequest): Promise<AnalyzeResponse>;
  /**
   * For video: reuses the previous frame's faces as the regions to look in, and runs the
   * face detector only when a face is lost (or every few frames, to pick up new ones).
   */
  track(frame: ImageInput, options?: TrackOptions): Promise<AnalyzeResponse>;
  /**
   * Follows a video or camera: each frame it can take is tracked (as track() does, smoothing
   * included) and `onFrame` is called with the response and the frame it was found in. Frames
   * that come while one is analysed are dropped, never queued, so the responses keep up with
   * the camera however slow the device. Returns `stop`, which ends the following (the camera
   * stays on: stop its tracks to release it). One follow at a time: a new one stops the last.
   */
  follow(source: FollowSource, onFrame: (response: AnalyzeResponse, frame: FollowedFrame) => void, options?: FollowOptions): () => void;
  /** Forgets the faces `track` follows, so the next frame is detected afresh. */
  resetTracking(): void;
  /** Frees every tensor and model. Later calls reject with `analyzer_closed`. */
  close(): void;
}
