/**
 * Worker side: serveAnalyzerWorker(self) runs an analyzer in the worker it is called in and
 * answers the page's createWorkerAnalyzer(). dist/faceshape-worker.js is a ready-made worker
 * that does only this; a site with its own worker script can call it there.
 */
import { createFaceAnalyzer } from '../analyzer/create-analyzer';
import { FaceAnalyzeError } from '../contract/errors';
import { isA } from '../image/image-input';
import type { TencentAnalyzeResponse } from '../contract/tencent';
import type { AnalyzeRequest, AnalyzeResponse, ImageInput } from '../contract/types';
import type { AnalyzerOptions, FaceAnalyzer } from '../analyzer/api';
import type { FromWorker, ToWorker, WireImage } from './protocol';
import { errorToWire } from './wire-error';
import { FollowHost } from './follow-host';

/** The parts of a dedicated worker's global scope used here. */
export interface AnalyzerWorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface ServeAnalyzerOptions {
  /**
   * Makes the analyzer from the page's options (callbacks included, they post to the page).
   * Default createFaceAnalyzer; a worker of your own can add what cannot cross, e.g.
   * `(options) => createFaceAnalyzer({ ...options, fetch: myFetch })`.
   */
  createAnalyzer?: (options: AnalyzerOptions) => Promise<FaceAnalyzer>;
}


export function serveAnalyzerWorker(scope: AnalyzerWorkerScope, options: ServeAnalyzerOptions = {}): void {
  const createAnalyzer = options.createAnalyzer ?? createFaceAnalyzer;
  const post = (message: FromWorker): void => scope.postMessage(message, []);
  let analyzer: FaceAnalyzer | undefined;
  const following = new FollowHost((message, transfer) => scope.postMessage(message, transfer));
  const inFlight = new Set<Promise<void>>();

  const start = async (init: Extract<ToWorker, { type: 'init' }>): Promise<void> => {
    post({ type: 'started' });
    try {
      analyzer = await createAnalyzer({
        ...init.options,
        onProgress: (progress) => post({ type: 'progress', progress }),
        onBackendChange: (change) => post({ type: 'backend', change }),
      });
    } catch (e) {
      post({ type: 'failed', error: errorToWire(e) });
      return;
    }
    post({ type: 'ready', backend: analyzer.backend, stats: analyzer.stats() });
  };

  const run = async (id: number, call: (a: FaceAnalyzer) => Promise<unknown>): Promise<void> => {
    try {
      if (!analyzer) throw new FaceAnalyzeError('internal_error', 'A call reached the analyzer worker before its analyzer was ready.');
      const response = (await call(analyzer)) as AnalyzeResponse | TencentAnalyzeResponse;
      post({ type: 'answer', id, ok: true, response, stats: analyzer.stats() });
    } catch (e) {
      post({ type: 'answer', id, ok: false, error: errorToWire(e), stats: analyzer?.stats() });
    }
  };

  /** Starts one call now (so calls reach the analyzer in the order they came) and posts its answer. */
  const answer = (id: number, image: WireImage | undefined, call: (a: FaceAnalyzer) => Promise<unknown>): void => {
    const done: Promise<void> = run(id, call).finally(() => {
      // The page transferred this bitmap, drawn for this call only: nobody else will free it.
      if (isA<ImageBitmap>('ImageBitmap', image)) image.close();
      inFlight.delete(done);
    });
    inFlight.add(done);
  };

  scope.addEventListener('message', ({ data }: MessageEvent<ToWorker>) => {
    switch (data.type) {
      case 'init':
        void start(data);
        return;
      case 'analyze':
        answer(data.id, data.request.image, (a) => a.analyze(data.request as AnalyzeRequest));
        return;
      case 'track':
        answer(data.id, data.frame, (a) => a.track(data.frame as ImageInput, data.options));
        return;
      case 'reset':
        analyzer?.resetTracking();
        return;
      case 'follow':
        if (analyzer) following.start(analyzer, data.id, data.frames, data.options);
        else void data.frames.cancel();
        return;
      case 'unfollow':
        following.stop(data.id);
        return;
      case 'shown':
        following.shown(data.id);
        return;
      case 'close':
        following.stop();
        // Calls still queued reject with analyzer_closed, the running one finishes; all are answered before 'closed'.
        analyzer?.close();
        void Promise.allSettled([...inFlight]).then(() => post({ type: 'closed' }));
    }
  });
}
