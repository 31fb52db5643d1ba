/**
 * Nothing leaves the device. Every request of a page is recorded (the page, its workers and
 * service workers) and must stay on the page's origin; the Content-Security-Policy must hold
 * with no violation; images given by URL go without cookies; nothing is stored once the page
 * is done. First the module alone under a strict CSP, then the demo through a full session:
 * a photo from the file input, a same-origin URL, and the (fake) camera.
 */
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { CORPUS_PREFIX, openRobustPage, SOURCE } from './support/robust-page';

type FaceshapeModule = typeof import('/faceshape.js');

/** What a page did that privacy and the CSP care about. */
interface Recording {
  requests: string[];
  problems: string[];
}

/** Starts recording every request of the context and every CSP violation, error and rejection of its pages. */
async function record(context: BrowserContext, page: Page): Promise<Recording> {
  const rec: Recording = { requests: [], problems: [] };
  context.on('request', (r) => rec.requests.push(r.url()));
  page.on('pageerror', (e) => rec.problems.push(`page error: ${e.message}`));
  // Workers report CSP refusals only on the console.
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) rec.problems.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__reportProblem', (p: string) => rec.problems.push(p));
  await page.addInitScript(() => {
    const report = (globalThis as unknown as { __reportProblem: (p: string) => void }).__reportProblem;
    document.addEventListener('securitypolicyviolation', (e) => report(`CSP ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  return rec;
}

/** Requests that went anywhere but the page's origin (data: and blob: never leave the page). */
const offOrigin = (requests: string[], origin: string): string[] =>
  [...new Set(requests)].filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);

/** Whatever the origin keeps after the page: storage, caches, databases, service workers, cookies. */
async function leftBehind(page: Page): Promise<unknown> {
  return page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    caches: await caches.keys(),
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
  }));
}

const NOTHING_STORED = { localStorage: [], sessionStorage: [], caches: [], indexedDB: [], serviceWorkers: [] };

const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'; img-src 'self' blob: data:; style-src 'self'; base-uri 'none'; form-action 'none'";

test('the module under a strict CSP (no eval, connect-src self): answers, stays on its origin, sends no cookie with image_url, stores nothing', async ({
  page,
  context,
  baseURL,
}) => {
  const rec = await record(context, page);
  const cookies: { url: string; cookie: string | undefined }[] = [];
  context.on('request', async (r) => {
    if (r.url().includes(CORPUS_PREFIX)) cookies.push({ url: r.url(), cookie: (await r.allHeaders())['cookie'] });
  });
  await openRobustPage(page, `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}"></head><body></body></html>`);
  await context.addCookies([{ name: 'session', value: 'secret', url: baseURL! }]);
  const out = await page.evaluate(
    async ({ photo }) => {
      const fs = (globalThis as unknown as { faceshape: FaceshapeModule }).faceshape;
      const analyzer = await fs.createFaceAnalyzer();
      const byUrl = await analyzer.analyze({ image_url: photo });
      // The control: the page's own fetch of the same photo does carry the origin's cookie.
      const byBlob = await analyzer.analyze({ image: await (await fetch(`${photo}?control`)).blob() });
      analyzer.close();
      return { faces: [byUrl.face_shape_set.length, byBlob.face_shape_set.length] };
    },
    { photo: `${CORPUS_PREFIX}${SOURCE}` },
  );
  expect(out.faces).toEqual([1, 1]);
  expect(rec.problems).toEqual([]);
  expect(rec.requests.some((u) => u.includes('/models/'))).toBe(true);
  expect(offOrigin(rec.requests, new URL(baseURL!).origin)).toEqual([]);
  await expect.poll(() => cookies.length).toBe(2);
  expect(cookies.find((c) => c.url.endsWith('?control'))?.cookie).toContain('session=secret');
  expect(cookies.find((c) => c.url.endsWith(SOURCE))).toEqual({ url: expect.stringContaining(SOURCE), cookie: undefined });
  await context.clearCookies();
  expect(await leftBehind(page)).toEqual(NOTHING_STORED);
});

test.describe('the demo, through a full session', () => {
  let camera: Browser;

  // eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first; this hook needs none.
  test.beforeAll(async ({}, testInfo) => {
    const launch = testInfo.project.use.launchOptions ?? {};
    camera = await chromium.launch({
      ...launch,
      args: [...(launch.args ?? CHROMIUM_ARGS), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
  });

  test.afterAll(async () => camera?.close());

  test('photo, same-origin URL and camera: every request stays on the origin, no CSP violation, nothing stored', async ({ baseURL }) => {
    test.setTimeout(240_000);
    const context = await camera.newContext({ baseURL });
    const page = await context.newPage();
    const rec = await record(context, page);
    const origin = new URL(baseURL!).origin;

    await page.goto('/');
    await expect(page.getByTestId('status')).toContainText('ready');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp, 'the demo ships a CSP').toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");

    const panel = async (): Promise<{ faces?: number; width?: number; code?: string }> => {
      const text = (await page.getByTestId('result-json').textContent()) ?? '';
      if (!text) return {};
      const v = JSON.parse(text) as { face_shape_set?: unknown[]; image_width?: number; error?: { code: string } };
      return { faces: v.face_shape_set?.length, width: v.image_width, code: v.error?.code };
    };

    // A photo from the file input.
    await page.getByTestId('file-input').setInputFiles(new URL(`../test/fixtures/${SOURCE}`, import.meta.url).pathname);
    await expect.poll(panel).toEqual({ faces: 1, width: 324, code: undefined });

    // A same-origin URL typed into the URL field.
    await page.getByTestId('url-input').fill(`${origin}/samples/group.jpg`);
    await page.getByTestId('url-input').press('Enter');
    await expect.poll(async () => (await panel()).width).toBe(500);
    expect((await panel()).faces).toBeGreaterThan(0);

    // The camera (Chromium's fake device), for a few seconds of frames, then off.
    await page.getByTestId('webcam-toggle').click();
    await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('fps')).toHaveText(/\d+(\.\d)? fps/, { timeout: 60_000 });
    await page.waitForTimeout(3000);
    await page.getByTestId('webcam-toggle').click();
    await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('aria-pressed', 'false');

    expect(rec.problems).toEqual([]);
    expect(rec.requests.length).toBeGreaterThan(5);
    expect(offOrigin(rec.requests, origin)).toEqual([]);
    expect(await leftBehind(page)).toEqual(NOTHING_STORED);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});
