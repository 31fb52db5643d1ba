/**
 * serveFaceAnalyze(): the fetch shim for pages that cannot change their fetch calls (or use
 * XMLHttpRequest): a service worker answers the endpoint for every page it controls.
 * dist/faceshape-sw.js is a ready-made worker that calls it; a site with its own worker can
 * import faceshape.js there and call it too.
 */
import type { FaceAnalyzer } from '../analyzer/api';
import { answerAnalyzeCall } from './answer-call';
import { endpointMatcher, HOSTED_API_ENDPOINT } from './endpoint';
import { lazyAnalyzer } from './lazy-analyzer';

/** The parts of a service worker's global scope used here (the DOM typings do not describe workers). */
export interface ServiceWorkerScope {
  readonly location: { readonly href: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

export interface ExtendableEventLike {
  waitUntil(work: Promise<unknown>): void;
}

export interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

export interface ServeOptions {
  /**
   * The URL answered locally (query ignored). Default: the `endpoint` query parameter of the
   * worker script's URL (`faceshape-sw.js?endpoint=…`), else HOSTED_API_ENDPOINT.
   */
  endpoint?: string | URL;
  /** The analyzer that answers; default one made by createFaceAnalyzer() on the first call. */
  analyzer?: FaceAnalyzer | Promise<FaceAnalyzer>;
  /** Activate at once and take control of open pages, so no reload is needed (the ready-made worker does). */
  claimClients?: boolean;
}

export function serveFaceAnalyze(scope: ServiceWorkerScope, options: ServeOptions = {}): void {
  const fromScript = new URL(scope.location.href).searchParams.get('endpoint');
  const isEndpoint = endpointMatcher(options.endpoint ?? fromScript ?? HOSTED_API_ENDPOINT, scope.location.href);
  const analyzer = lazyAnalyzer(options.analyzer, {});
  if (options.claimClients) {
    scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()));
    scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()));
  }
  // Requests that are not for the endpoint get no answer here, so the browser sends them as usual.
  scope.addEventListener('fetch', (event) => {
    if (isEndpoint(event.request.url)) event.respondWith(answerAnalyzeCall(event.request, analyzer.get));
  });
}
