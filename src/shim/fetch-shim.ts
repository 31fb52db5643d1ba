/**
 * installFetchShim(): code written against the hosted API keeps calling fetch(endpoint, …) and
 * gets its answer from the analyzer in the page; the image never leaves the device.
 */
import type { FaceAnalyzer } from '../analyzer/api';
import { answerAnalyzeCall } from './answer-call';
import { endpointMatcher, HOSTED_API_ENDPOINT } from './endpoint';
import { lazyAnalyzer } from './lazy-analyzer';

export interface FetchShimOptions {
  /** The URL answered locally (query ignored); default the hosted API's, HOSTED_API_ENDPOINT. */
  endpoint?: string | URL;
  /** The analyzer that answers; default one made by createFaceAnalyzer() on the first call and closed on uninstall. */
  analyzer?: FaceAnalyzer | Promise<FaceAnalyzer>;
}

/** Removes the shim; calls to the endpoint go to the network again. */
export type UninstallFetchShim = () => void;

const requestUrl = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/** Rejects the way fetch does when the caller aborts. */
function abortable(answer: Promise<Response>, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function installFetchShim(options: FetchShimOptions = {}): UninstallFetchShim {
  const original = globalThis.fetch;
  const base = globalThis.location?.href;
  const isEndpoint = endpointMatcher(options.endpoint ?? HOSTED_API_ENDPOINT, base);
  // The analyzer's own requests (models, image_url) skip the shim.
  const analyzer = lazyAnalyzer(options.analyzer, { fetch: original.bind(globalThis) });
  let active = true;

  const shim: typeof fetch = (input, init) => {
    if (!active || !isEndpoint(requestUrl(input))) return original.call(globalThis, input, init);
    // Built only for the endpoint: building a Request from a caller's Request would use up its body.
    let request: Request;
    try {
      request = new Request(input, init);
    } catch (e) {
      return Promise.reject(e);
    }
    return abortable(answerAnalyzeCall(request, analyzer.get), request.signal);
  };
  globalThis.fetch = shim;

  return () => {
    if (!active) return;
    active = false;
    analyzer.close();
    // Someone may have wrapped fetch after us; then ours stays in their chain, inactive.
    if (globalThis.fetch === shim) globalThis.fetch = original;
  };
}
