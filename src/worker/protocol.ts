/**
 * The messages between a worker analyzer's two halves: client.ts on the page, host.ts in the
 * worker. Everything here survives structured cloning: no functions, no URL objects, errors as
 * plain fields.
 */
import type { ErrorCode } from '../contract/errors';
import type { TencentAnalyzeResponse } from '../contract/tencent';
import type { AnalyzeRequest, AnalyzeResponse, FaceModelVersion, RgbaPixels } from '../contract/types';
import type { AnalyzerStats, Backend, BackendChange, LoadProgress, TrackOptions } from '../analyzer/api';

/** An image as it crosses: still encoded (Blob), pixels the page decoded (ImageBitmap, transferred) or copied raw pixels. */
export type WireImage = Blob | ImageBitmap | RgbaPixels;

/** A checked request: one image source, image_url absolute (resolved against the page), every option explicit. */
export type WireRequest = Omit<AnalyzeRequest, 'image'> & { image?: WireImage };

/** The AnalyzerOptions that can cross; base URLs already resolved against the page. */
export interface WireOptions {
  backend?: Backend | 'auto';
  modelBaseUrl?: string;
  wasmBaseUrl?: string;
  maxFaces?: number;
  preload?: FaceModelVersion[];
  fetchTimeoutMs?: number;
  warmUp?: boolean;
}

/** A FaceAnalyzeError as data; the page makes the same error of it again (reviveError). */
export interface WireError {
  code: ErrorCode;
  message: string;
  traceId: string;
}

export type ToWorker =
  | { type: 'init'; options: WireOptions }
  | { type: 'analyze'; id: number; request: WireRequest }
  | { type: 'track'; id: number; frame: WireImage; options: TrackOptions }
  | { type: 'reset' }
  /** Read a camera's frames (a MediaStreamTrackProcessor's, transferred) and track each: answered by 'followed'. */
  | { type: 'follow'; id: number; frames: ReadableStream<VideoFrame>; options: TrackOptions }
  | { type: 'unfollow'; id: number }
  /** The page has had followed frame `id`'s answer: the worker may send another. */
  | { type: 'shown'; id: number }
  /** Close the analyzer, answer what is in flight, then say 'closed'. */
  | { type: 'close' };

export type Answer = { ok: true; response: AnalyzeResponse | TencentAnalyzeResponse } | { ok: false; error: WireError };

export type FromWorker =
  /** The worker script runs and has the init message: from here on, loading models is what takes time. */
  | { type: 'started' }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'ready'; backend: Backend; stats: AnalyzerStats }
  | { type: 'failed'; error: WireError }
  | { type: 'backend'; change: BackendChange }
  /** `stats` is the worker's TF.js memory after the call (absent only if there was no analyzer to ask). */
  | ({ type: 'answer'; id: number; stats: AnalyzerStats | undefined } & Answer)
  /** One followed camera frame, handed back (a transferred bitmap of its pixels) with its answer so the page draws the points on it. */
  | ({ type: 'followed'; id: number; frame: ImageBitmap; timestamp: number; ms: number; stats: AnalyzerStats } & Answer)
  | { type: 'closed' };

/** A message and the objects it hands over (emptied on the sending side). */
export interface Outgoing {
  message: ToWorker;
  transfer: Transferable[];
}
