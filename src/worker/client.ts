/**
 * createWorkerAnalyzer(): the analyzer with its engine in a module worker, so that loading the
 * models, compiling WebGL shaders and running inference never block the page. It is the same
 * FaceAnalyzer; the page side only checks requests, moves images across and matches answers.
 */
import { frameTimeMs } from '../image/frame-time';
import { FaceAnalyzeError, toFaceAnalyzeError } from '../contract/errors';
import { validateRequest } from '../contract/request';
import type { TencentAnalyzeResponse } from '../contract/tencent';
import type { AnalyzeRequest, AnalyzeResponse, ImageInput } from '../contract/types';
import type { AnalyzerOptions, AnalyzerStats, Backend, FaceAnalyzer, TrackOptions } from '../analyzer/api';
import { PendingCalls } from './calls';
import { FollowClient } from './follow-client';
import { startTimeout, wireOptions, type WorkerAnalyzerOptions } from './options';
import type { FromWorker, Outgoing, ToWorker, WireOptions } from './protocol';
import { crossImage, discard } from './transfer';
import { reviveError } from './wire-error';
import { wireRequest, wireTrackOptions } from './wire-request';

/** What the page uses of a Worker. */
export interface WorkerPort {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface Connection {
  /** The worker script's URL, for error messages. */
  url: string;
  /** How long the script may take to answer the init message. */
  timeoutMs: number;
  onProgress?: AnalyzerOptions['onProgress'];
  onBackendChange?: AnalyzerOptions['onBackendChange'];
}

export async function createWorkerAnalyzer(options: WorkerAnalyzerOptions = {}): Promise<FaceAnalyzer> {
  const page = globalThis.location?.href;
  const wire = wireOptions(options, page);
  const timeoutMs = startTimeout(options);
  if (typeof Worker !== 'function') throw new FaceAnalyzeError('backend_unavailable', 'This runtime cannot start a module worker; use createFaceAnalyzer() instead.');
  const own = options.workerUrl === undefined;
  let url = 'faceshape-worker.js, next to faceshape.js';
  try {
    if (!own) url = new URL(String(options.workerUrl), page).href;
  } catch (e) {
    throw new FaceAnalyzeError('invalid_request', `workerUrl is not a valid URL: ${JSON.stringify(String(options.workerUrl).slice(0, 100))}.`, { cause: e });
  }
  let worker: Worker;
  try {
    // Written out whole, as bundlers recognise it: Vite and webpack then build the worker
    // script into the app (the library build renames the source file to faceshape-worker.js).
    worker = own
      ? new Worker(new URL(/* @vite-ignore */ './faceshape-worker.ts', import.meta.url), { type: 'module', name: 'faceshape' })
      : new Worker(url, { type: 'module', name: 'faceshape' });
  } catch (e) {
    throw new FaceAnalyzeError('model_load_failed', `The analyzer worker ${url} could not be started (${(e as Error)?.message ?? e}); it must be on the page's origin.`, { cause: e });
  }
  return connectWorkerAnalyzer(worker, wire, { url, timeoutMs, onProgress: options.onProgress, onBackendChange: options.onBackendChange });
}

type Prepared = { ok: true; outgoing: Outgoing } | { ok: false; error: unknown };

/** The analyzer on the page's side of `port`, once the worker has loaded its models. */
export function connectWorkerAnalyzer(port: WorkerPort, options: WireOptions, connection: Connection): Promise<FaceAnalyzer> {
  const { url, timeoutMs, onProgress, onBackendChange } = connection;
  const calls = new PendingCalls();
  let backend: Backend;
  let stats: AnalyzerStats;
  let closed = false;
  /** Why the worker stopped, once it has: every call from then on fails with it. */
  let died: string | undefined;
  const stopped = (why: string): FaceAnalyzeError => new FaceAnalyzeError('internal_error', `The analyzer worker stopped: ${why}`);

  // Messages leave in the order of the calls, whatever each took to prepare (an image to draw
  // takes longer than a URL): tracking depends on the order of its frames.
  let outbox: Promise<void> = Promise.resolve();
  const post = (id: number | undefined, prepared: Promise<Prepared>): void => {
    outbox = outbox.then(async () => {
      const p = await prepared;
      // As on the main thread, a call not yet running when the analyzer closes is refused for that first.
      if (id !== undefined && (closed || died !== undefined)) {
        if (p.ok) discard(p.outgoing.transfer);
        calls.reject(id, died !== undefined ? stopped(died) : new FaceAnalyzeError('analyzer_closed'));
        return;
      }
      if (!p.ok) {
        calls.reject(id!, toFaceAnalyzeError(p.error));
        return;
      }
      const { message, transfer } = p.outgoing;
      try {
        port.postMessage(message, transfer);
      } catch (e) {
        discard(transfer);
        if (id !== undefined) calls.reject(id, toFaceAnalyzeError(e));
      }
    });
  };
  const control = (message: ToWorker, transfer: Transferable[] = []): void => post(undefined, Promise.resolve({ ok: true, outgoing: { message, transfer } }));
  const following = new FollowClient((message, transfer) => {
    if (!closed && died === undefined) control(message, transfer);
  });

  const call = <T>(prepare: (id: number) => Promise<Outgoing>): Promise<T> => {
    if (closed) return Promise.reject(new FaceAnalyzeError('analyzer_closed'));
    if (died !== undefined) return Promise.reject(stopped(died));
    const { id, answer } = calls.open<T>();
    post(
      id,
      prepare(id).then(
        (outgoing): Prepared => ({ ok: true, outgoing }),
        (error: unknown): Prepared => ({ ok: false, error }),
      ),
    );
    return answer;
  };

  const analyzer: FaceAnalyzer = {
    get backend(): Backend {
      return backend;
    },
    /** The worker's TF.js memory as of its last answer. */
    stats: (): AnalyzerStats => ({ ...stats }),
    analyze: ((request: AnalyzeRequest): Promise<AnalyzeResponse | TencentAnalyzeResponse> =>
      call(async (id) => {
        const valid = validateRequest(request);
        const crossed = valid.source.kind === 'image' ? await crossImage(valid.source.image) : undefined;
        return { message: { type: 'analyze', id, request: wireRequest(valid, crossed?.image) }, transfer: crossed?.transfer ?? [] };
      })) as FaceAnalyzer['analyze'],
    track: (frame: ImageInput, trackOptions: TrackOptions = {}): Promise<AnalyzeResponse> =>
      call(async (id) => {
        const valid = validateRequest({ image: frame, mode: trackOptions.mode, face_model_version: trackOptions.face_model_version });
        const options = wireTrackOptions(valid, trackOptions, frameTimeMs(frame));
        const crossed = await crossImage(frame);
        return { message: { type: 'track', id, frame: crossed.image, options }, transfer: crossed.transfer };
      }),
    follow: (source, onFrame, options = {}) => following.start(source, (frame, o) => analyzer.track(frame, o), onFrame, options),
    resetTracking(): void {
      if (!closed && died === undefined) control({ type: 'reset' });
    },
    close(): void {
      if (closed) return;
      following.stop();
      closed = true;
      if (died === undefined) control({ type: 'close' });
    },
  };

  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (error: FaceAnalyzeError): void => {
      clearTimeout(timer);
      port.terminate();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new FaceAnalyzeError('model_load_failed', `The analyzer worker ${url} did not answer within ${timeoutMs / 1000} s: is it a worker that calls serveAnalyzerWorker(self)?`)),
      timeoutMs,
    );
    port.onerror = (event) => {
      // Handled here: the page gets it as a FaceAnalyzeError, not as an uncaught error.
      event.preventDefault();
      const why = event.message || 'the script is missing, is not JavaScript, or failed to load';
      if (!ready) {
        fail(new FaceAnalyzeError('model_load_failed', `The analyzer worker ${url} could not start: ${why}.`));
        return;
      }
      // The host answers every call itself, so an uncaught error means the worker is broken:
      // nothing in flight can be trusted to be answered.
      died = why;
      port.terminate();
      calls.rejectAll(() => stopped(why));
    };
    port.onmessage = ({ data }) => {
      switch (data.type) {
        case 'started':
          // The script runs: what follows is model loading, which fails on its own if it fails.
          clearTimeout(timer);
          return;
        case 'failed':
          fail(reviveError(data.error));
          return;
        case 'ready':
          clearTimeout(timer);
          ready = true;
          backend = data.backend;
          stats = data.stats;
          resolve(analyzer);
          return;
        case 'answer':
          if (data.stats) stats = data.stats;
          if (data.ok) calls.resolve(data.id, data.response);
          else calls.reject(data.id, reviveError(data.error));
          return;
        case 'followed':
          stats = data.stats;
          following.deliver(data);
          return;
        case 'closed':
          port.terminate();
          calls.rejectAll(() => new FaceAnalyzeError('analyzer_closed'));
          return;
        // The page's callbacks last: one that throws is the page's error, and nothing here is left undone.
        case 'progress':
          onProgress?.(data.progress);
          return;
        case 'backend':
          backend = data.change.to;
          onBackendChange?.(data.change);
      }
    };
    try {
      port.postMessage({ type: 'init', options }, []);
    } catch (e) {
      fail(new FaceAnalyzeError('invalid_request', `The options cannot be sent to the worker: ${(e as Error)?.message ?? e}`, { cause: e }));
    }
  });
}
