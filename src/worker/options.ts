/**
 * The options of createWorkerAnalyzer(), and the part of them that crosses to the worker.
 * Functions cannot cross postMessage: the two callbacks stay on the page and are fed by
 * messages; a custom fetch has no way over and is refused.
 */
import { FaceAnalyzeError } from '../contract/errors';
import type { AnalyzerOptions } from '../analyzer/api';
import type { WireOptions } from './protocol';

export interface WorkerAnalyzerOptions extends Omit<AnalyzerOptions, 'fetch'> {
  /**
   * Not available in a worker (a function cannot be sent to one): passing it rejects with
   * `invalid_request`. A site that needs its own fetch writes its own worker script with
   * `serveAnalyzerWorker(self, { createAnalyzer })`.
   */
  fetch?: never;
  /** The worker script; default `faceshape-worker.js` next to faceshape.js. It must be on the page's origin. */
  workerUrl?: string | URL;
  /** Milliseconds the worker script may take to load and answer before createWorkerAnalyzer fails (default 30000). Model loading is not counted. */
  startTimeoutMs?: number;
}

export const DEFAULT_START_TIMEOUT_MS = 30_000;

/**
 * The options the worker's analyzer gets. Relative base URLs are resolved here, against the
 * page, as createFaceAnalyzer() on the page would; the worker would resolve them against its
 * own script.
 */
export function wireOptions(options: WorkerAnalyzerOptions, pageHref: string | undefined): WireOptions {
  if (options === null || typeof options !== 'object') throw new FaceAnalyzeError('invalid_request', 'The options must be an object.');
  if ((options as AnalyzerOptions).fetch !== undefined) {
    throw new FaceAnalyzeError(
      'invalid_request',
      'fetch cannot be used with createWorkerAnalyzer(): a function cannot be sent to a worker. Use createFaceAnalyzer({ fetch }) on the page, or a worker script of your own that calls serveAnalyzerWorker(self, { createAnalyzer }).',
    );
  }
  const { backend, modelBaseUrl, wasmBaseUrl, maxFaces, preload, fetchTimeoutMs, warmUp = true } = options;
  const wire: WireOptions = {
    backend,
    modelBaseUrl: resolve(modelBaseUrl, pageHref),
    wasmBaseUrl: resolve(wasmBaseUrl, pageHref),
    maxFaces,
    preload,
    fetchTimeoutMs,
    warmUp,
  };
  // Left out, not undefined: a createAnalyzer that spreads the options over its own defaults keeps them.
  for (const key of Object.keys(wire) as (keyof WireOptions)[]) if (wire[key] === undefined) delete wire[key];
  return wire;
}

/** Absolute where it can be; a URL that does not parse crosses as given, for the analyzer to refuse it as on the page. */
function resolve(url: string | URL | undefined, base: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(String(url), base).href;
  } catch {
    return String(url);
  }
}

/** The start timeout, checked. */
export function startTimeout(options: WorkerAnalyzerOptions): number {
  const ms = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  if (typeof ms !== 'number' || !(ms > 0)) throw new FaceAnalyzeError('invalid_request', 'startTimeoutMs must be a number of milliseconds above 0.');
  return ms;
}
