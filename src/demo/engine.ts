/**
 * The page's handle on the analyzer: in a module worker where the browser can run one (with
 * OffscreenCanvas for the pixels), on the main thread otherwise. Both give Outcomes, so the page
 * never cares where inference runs.
 */
import { createFaceAnalyzer, FaceAnalyzeError, type Backend, type ErrorEnvelope, type LoadProgress, type TrackOptions } from '/faceshape.js';
import type { EngineRequest, FromWorker, Outcome, ToWorker, Tracked } from './engine-protocol';
import { runOutcome } from './run-outcome';

export type EngineSite = 'worker' | 'main thread';

/** A camera followed by the engine itself; its frames come back through the callback. */
export interface Follower {
  setOptions(options: TrackOptions): void;
  stop(): void;
}

/** A tracked frame. */
export type OnTracked = (tracked: Tracked) => void;

/** Chrome's MediaStreamTrackProcessor (not in TypeScript's DOM types): a track's frames as a stream. */
type TrackProcessorClass = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };
const TrackProcessor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorClass }).MediaStreamTrackProcessor;

export interface Engine {
  /** What runs now; it changes (with onBackendChange) when a lost WebGL context forces a fallback. */
  readonly backend: Backend;
  readonly site: EngineSite;
  analyze(request: EngineRequest): Promise<Outcome>;
  /** Analyses one video frame, following the faces of the previous ones; the frame comes back with the outcome. */
  track(frame: ImageData, options: TrackOptions): Promise<Tracked>;
  /**
   * Where the browser can hand a camera's frames to a worker, the worker reads and tracks them
   * itself, so camera frames never cost the page anything. Absent elsewhere.
   */
  follow?(track: MediaStreamTrack, options: TrackOptions, onTracked: OnTracked): Follower;
  resetTracking(): void;
}

/** The models could not be loaded anywhere; carries the module's error envelope. */
export class EngineStartError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.error.message);
  }
}

export interface EngineOptions {
  site: EngineSite;
  onProgress: (progress: LoadProgress) => void;
  onBackendChange: (backend: Backend) => void;
}

export const workerSupported = (): boolean => typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined';

export async function startEngine(options: EngineOptions): Promise<Engine> {
  if (options.site === 'worker') {
    try {
      return await startWorkerEngine(options);
    } catch (e) {
      console.warn('faceshape: the inference worker did not start; running on the main thread instead.', e);
    }
  }
  return startMainThreadEngine(options);
}

async function startMainThreadEngine({ onProgress, onBackendChange }: EngineOptions): Promise<Engine> {
  let analyzer;
  try {
    analyzer = await createFaceAnalyzer({ onProgress, onBackendChange: (change) => onBackendChange(change.to) });
  } catch (e) {
    const error = e instanceof FaceAnalyzeError ? e : new FaceAnalyzeError('model_load_failed', String((e as Error)?.message ?? e));
    throw new EngineStartError(error.toJSON());
  }
  const a = analyzer;
  return {
    get backend() {
      return a.backend;
    },
    site: 'main thread',
    analyze: (request) => runOutcome(() => a.analyze(request)),
    track: async (frame, trackOptions) => ({ outcome: await runOutcome(() => a.track(frame, trackOptions)), frame }),
    resetTracking: () => a.resetTracking(),
  };
}

function startWorkerEngine({ onProgress, onBackendChange }: EngineOptions): Promise<Engine> {
  const worker = new Worker(new URL('./inference-worker.ts', import.meta.url), { type: 'module', name: 'faceshape-inference' });
  const pending = new Map<number, (done: { outcome: Outcome; frame?: ImageData }) => void>();
  let nextId = 1;
  const send = (message: ToWorker, transfer: Transferable[] = []): void => worker.postMessage(message, transfer);
  const call = (make: (id: number) => ToWorker, transfer?: Transferable[]): Promise<{ outcome: Outcome; frame?: ImageData }> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send(make(id), transfer);
    });

  let backend: Backend;
  let followed: { id: number; onTracked: OnTracked } | undefined;
  const follow = (track: MediaStreamTrack, options: TrackOptions, onTracked: OnTracked): Follower => {
    const id = nextId++;
    followed = { id, onTracked };
    const frames = new TrackProcessor!({ track, maxBufferSize: 1 }).readable;
    send({ type: 'follow', id, frames, options }, [frames]);
    return {
      setOptions: (o) => send({ type: 'follow-options', options: o }),
      stop: () => {
        if (followed?.id !== id) return;
        followed = undefined;
        send({ type: 'unfollow' });
      },
    };
  };
  return new Promise((resolve, reject) => {
    let started = false;
    worker.onerror = (event) => {
      event.preventDefault();
      if (!started) {
        worker.terminate();
        reject(new Error(`worker script failed: ${event.message || 'unknown error'}`));
        return;
      }
      // A crash after start: nothing in flight will ever answer, so answer it here.
      const error = new FaceAnalyzeError('internal_error', `The inference worker stopped: ${event.message || 'unknown error'}`).toJSON();
      for (const done of pending.values()) done({ outcome: { ok: false, error, ms: 0 } });
      pending.clear();
    };
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      switch (data.type) {
        case 'progress':
          onProgress(data.progress);
          return;
        case 'failed':
          worker.terminate();
          reject(new EngineStartError(data.error));
          return;
        case 'backend':
          backend = data.backend;
          onBackendChange(backend);
          return;
        case 'ready':
          started = true;
          backend = data.backend;
          resolve({
            get backend() {
              return backend;
            },
            site: 'worker',
            analyze: async (request) => (await call((id) => ({ type: 'analyze', id, request }))).outcome,
            track: async (frame, options) => {
              const done = await call((id) => ({ type: 'track', id, frame, options }), [frame.data.buffer]);
              // A crashed worker keeps the pixels; an empty frame of the same size stands in.
              return { outcome: done.outcome, frame: done.frame ?? new ImageData(frame.width, frame.height) };
            },
            ...(TrackProcessor ? { follow } : {}),
            resetTracking: () => send({ type: 'reset' }),
          });
          return;
        case 'done':
          pending.get(data.id)?.(data);
          pending.delete(data.id);
          return;
        case 'followed':
          if (followed?.id !== data.id) return;
          followed.onTracked({ outcome: data.outcome, frame: data.frame });
          // Ask for the next frame once this one has been painted.
          requestAnimationFrame(() => send({ type: 'follow-ack', id: data.id }));
      }
    };
    send({ type: 'init' });
  });
}
