/** Messages between the page and the inference worker. */
import type { AnalyzeRequest, AnalyzeResponse, Backend, ErrorEnvelope, LoadProgress, TrackOptions } from '/faceshape.js';

/** A request that can cross to a worker: an image_url, or an image as a Blob or ImageBitmap. */
export type EngineRequest = Omit<AnalyzeRequest, 'image' | 'output'> & { image?: Blob | ImageBitmap };

/** What one call gave: the module's response or its error envelope, and the time it took. */
export type Outcome = { ok: true; response: AnalyzeResponse; ms: number } | { ok: false; error: ErrorEnvelope; ms: number };

/** A tracked camera frame: its outcome, and its pixels handed back (a worker borrows them, uncopied). */
export interface Tracked {
  outcome: Outcome;
  frame: ImageData;
}

export type ToWorker =
  | { type: 'init' }
  | { type: 'analyze'; id: number; request: EngineRequest }
  | { type: 'track'; id: number; frame: ImageData; options: TrackOptions }
  /** Follow a camera's frames in the worker, posting each tracked frame back. */
  | { type: 'follow'; id: number; frames: ReadableStream<VideoFrame>; options: TrackOptions }
  | { type: 'follow-options'; options: TrackOptions }
  /** The page has shown the last followed frame: the worker may send the next. */
  | { type: 'follow-ack'; id: number }
  | { type: 'unfollow' }
  | { type: 'reset' };

export type FromWorker =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'ready'; backend: Backend }
  | { type: 'backend'; backend: Backend }
  | { type: 'failed'; error: ErrorEnvelope }
  | { type: 'done'; id: number; outcome: Outcome; frame?: ImageData }
  /** One followed frame. */
  | { type: 'followed'; id: number; outcome: Outcome; frame: ImageData };
