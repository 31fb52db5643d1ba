/**
 * createFaceAnalyzer()'s options, checked and with their defaults: the URLs resolved against
 * the page, the numbers validated, so a wrong option fails as invalid_request before any load.
 */
import { FaceAnalyzeError } from '../contract/errors';
import type { FaceModelVersion } from '../contract/types';
import { assetRoot } from '../runtime/asset-root';
import type { Backend } from '../runtime/backend';
import type { AnalyzerOptions } from './api';

const DEFAULT_MAX_FACES = 10;
const DEFAULT_FETCH_TIMEOUT_MS = 15000;

export interface ResolvedOptions {
  backend: Backend | 'auto';
  modelBaseUrl: string;
  /** Undefined outside a browser: Node's wasm backend finds its binaries itself. */
  wasmBaseUrl: string | undefined;
  maxFaces: number;
  preload: readonly FaceModelVersion[];
  warmUp: boolean;
  fetchTimeoutMs: number;
  fetch: typeof fetch;
}

const isBrowser = (): boolean =>
  typeof document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

export function resolveOptions(options: AnalyzerOptions): ResolvedOptions {
  const root = assetRoot();
  const modelBase = new URL(String(options.modelBaseUrl ?? new URL('models/', root)), globalThis.location?.href).href;
  const wasmBase = options.wasmBaseUrl ?? (isBrowser() ? new URL('wasm/', root) : undefined);
  const maxFaces = options.maxFaces ?? DEFAULT_MAX_FACES;
  if (!Number.isInteger(maxFaces) || maxFaces < 1) throw new FaceAnalyzeError('invalid_request', 'maxFaces must be a whole number of at least 1.');
  const fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  if (typeof fetchTimeoutMs !== 'number' || !(fetchTimeoutMs > 0)) {
    throw new FaceAnalyzeError('invalid_request', 'fetchTimeoutMs must be a number of milliseconds above 0.');
  }
  return {
    backend: options.backend ?? 'auto',
    modelBaseUrl: modelBase.endsWith('/') ? modelBase : `${modelBase}/`,
    wasmBaseUrl: wasmBase === undefined ? undefined : String(wasmBase),
    maxFaces,
    preload: options.preload ?? ['3.0'],
    warmUp: options.warmUp ?? false,
    fetchTimeoutMs,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
  };
}
