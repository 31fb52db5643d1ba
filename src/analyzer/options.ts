/**
 * createFaceAnalyzer()'s options, checked and with their defaults: base URLs resolved against
 * the page (files named one by one next to the module where none is given), the numbers
 * validated, so a wrong option fails as invalid_request before any load.
 */
import { FaceAnalyzeError } from '../contract/errors';
import type { FaceModelVersion } from '../contract/types';
import { MODEL_URLS, WASM_URLS, type ModelFile, type WasmFile } from '../runtime/asset-urls';
import type { Backend } from '../runtime/backend';
import type { AnalyzerOptions } from './api';

const DEFAULT_MAX_FACES = 10;
const DEFAULT_FETCH_TIMEOUT_MS = 15000;

export interface ResolvedOptions {
  backend: Backend | 'auto';
  modelUrl: (file: ModelFile) => string;
  /** Undefined outside a browser unless given: Node's wasm backend finds its binaries itself. */
  wasmUrls: Record<WasmFile, string> | undefined;
  maxFaces: number;
  preload: readonly FaceModelVersion[];
  warmUp: boolean;
  fetchTimeoutMs: number;
  fetch: typeof fetch;
}

const isBrowser = (): boolean =>
  typeof document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

/** A folder's URL, resolved against the page as a link in it would be. */
function baseUrl(option: 'modelBaseUrl' | 'wasmBaseUrl', url: string | URL): string {
  let href: string;
  try {
    href = new URL(String(url), globalThis.location?.href).href;
  } catch (e) {
    throw new FaceAnalyzeError('invalid_request', `${option} is not a valid URL: ${JSON.stringify(String(url).slice(0, 100))}.`, { cause: e });
  }
  return href.endsWith('/') ? href : `${href}/`;
}

/** Each file in `base`, or where the module names it. */
function urlsOf<F extends string>(files: Record<F, () => URL>, base: string | undefined): (file: F) => string {
  return (file) => (base === undefined ? files[file]().href : new URL(file, base).href);
}

export function resolveOptions(options: AnalyzerOptions): ResolvedOptions {
  const modelUrl = urlsOf(MODEL_URLS, options.modelBaseUrl === undefined ? undefined : baseUrl('modelBaseUrl', options.modelBaseUrl));
  const wasmUrl = urlsOf(WASM_URLS, options.wasmBaseUrl === undefined ? undefined : baseUrl('wasmBaseUrl', options.wasmBaseUrl));
  const wasmUrls =
    options.wasmBaseUrl !== undefined || isBrowser()
      ? { 'tfjs-backend-wasm.wasm': wasmUrl('tfjs-backend-wasm.wasm'), 'tfjs-backend-wasm-simd.wasm': wasmUrl('tfjs-backend-wasm-simd.wasm') }
      : undefined;
  const maxFaces = options.maxFaces ?? DEFAULT_MAX_FACES;
  if (!Number.isInteger(maxFaces) || maxFaces < 1) throw new FaceAnalyzeError('invalid_request', 'maxFaces must be a whole number of at least 1.');
  const fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  if (typeof fetchTimeoutMs !== 'number' || !(fetchTimeoutMs > 0)) {
    throw new FaceAnalyzeError('invalid_request', 'fetchTimeoutMs must be a number of milliseconds above 0.');
  }
  return {
    backend: options.backend ?? 'auto',
    modelUrl,
    wasmUrls,
    maxFaces,
    preload: options.preload ?? ['3.0'],
    warmUp: options.warmUp ?? false,
    fetchTimeoutMs,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
  };
}
