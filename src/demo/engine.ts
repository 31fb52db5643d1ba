/**
 * The page's handle on the analyzer: createWorkerAnalyzer() where the browser can run a module
 * worker, createFaceAnalyzer() on the page otherwise (or with ?engine=main). Both give Outcomes,
 * so the page never cares where inference runs.
 */
import { createFaceAnalyzer, createWorkerAnalyzer, FaceAnalyzeError, type Backend, type ErrorEnvelope, type FaceAnalyzer, type FollowedFrame, type LoadProgress, type TrackOptions } from '/faceshape.js';
import type { EngineRequest, Outcome } from './engine-protocol';
import { runOutcome } from './run-outcome';

export type EngineSite = 'worker' | 'main thread';

/** One followed camera frame: what was found, and the frame's pixels (valid during the call only; none when it failed). */
export type OnFollowed = (outcome: Outcome, frame?: FollowedFrame) => void;

export interface Engine {
  /** What runs now; it changes (with onBackendChange) when a lost WebGL context forces a fallback. */
  readonly backend: Backend;
  readonly site: EngineSite;
  analyze(request: EngineRequest): Promise<Outcome>;
  /** Follows a playing <video> (analyzer.follow); returns stop. */
  follow(video: HTMLVideoElement, options: TrackOptions, onFrame: OnFollowed): () => void;
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

const envelopeOf = (e: unknown): ErrorEnvelope =>
  (e instanceof FaceAnalyzeError ? e : new FaceAnalyzeError('model_load_failed', String((e as Error)?.message ?? e))).toJSON();

function engineOf(a: FaceAnalyzer, site: EngineSite): Engine {
  return {
    get backend() {
      return a.backend;
    },
    site,
    analyze: (request) => runOutcome(() => a.analyze(request)),
    follow: (video, options, onFrame) =>
      a.follow(video, (response, frame) => onFrame({ ok: true, response, ms: frame.ms }, frame), {
        ...options,
        onError: (error) => onFrame({ ok: false, error: error.toJSON(), ms: 0 }),
      }),
  };
}

export async function startEngine({ site, onProgress, onBackendChange }: EngineOptions): Promise<Engine> {
  const options = { onProgress, onBackendChange: (change: { to: Backend }) => onBackendChange(change.to) };
  if (site === 'worker') {
    try {
      return engineOf(await createWorkerAnalyzer(options), 'worker');
    } catch (e) {
      console.warn('faceshape: the analyzer worker did not start; running on the main thread instead.', e);
    }
  }
  try {
    return engineOf(await createFaceAnalyzer(options), 'main thread');
  } catch (e) {
    throw new EngineStartError(envelopeOf(e));
  }
}
