/**
 * A blank page on the preview server's origin for the robustness specs: it imports the built
 * module as an app would and can reach the corpus (test/fixtures/) on its own origin under
 * /__robust/fixtures/, where missing/* answers 404 and hang/* never answers. A cross-origin
 * host, cors-blocked.test, shares its images with another site only, so the browser refuses
 * them to this page. Nothing leaves the machine: every such request is answered by page.route.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { hugePng, largeExifJpeg } from '../../scripts/make-bad-corpus';

export const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
export const SOURCE = 'faces/helen29_1477005205_1.jpg';
export const BLANK = '/__robust/blank.html';
export const CORPUS_PREFIX = '/__robust/fixtures/';

const GENERATED: Record<string, () => Buffer> = {
  'generated/huge-20000.png': () => hugePng(20000),
  'generated/max-10000.png': () => hugePng(10000),
  'generated/exif-6-x8.jpg': () => largeExifJpeg(6, 8),
};
const generated = new Map<string, Buffer>();

export function fixtureBytes(path: string): Buffer {
  const make = GENERATED[path];
  if (!make) return readFileSync(new URL(path, FIXTURES));
  if (!generated.has(path)) generated.set(path, make());
  return generated.get(path)!;
}

async function serveFixture(route: Route): Promise<void> {
  const path = decodeURIComponent(new URL(route.request().url()).pathname.slice(CORPUS_PREFIX.length));
  // Left unanswered on purpose: the analyzer's fetchTimeoutMs must end the call.
  if (path.startsWith('hang/')) return;
  let body: Buffer;
  try {
    body = fixtureBytes(path);
  } catch {
    return route.fulfill({ status: 404, body: 'not found' });
  }
  return route.fulfill({ status: 200, body, contentType: 'application/octet-stream' });
}

/** Routes the corpus and a blank page, opens it and imports /faceshape.js into `globalThis.faceshape`. */
export async function openRobustPage(page: Page, html = '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>'): Promise<void> {
  await page.route(`**${BLANK}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.route(`**${CORPUS_PREFIX}**`, serveFixture);
  // An explicit Access-Control-Allow-Origin for another site: without one, Playwright's
  // fulfill would add one allowing this page, and the browser would let the image through.
  await page.route('http://cors-blocked.test/**', (route) =>
    route.fulfill({
      status: 200,
      body: fixtureBytes(SOURCE),
      contentType: 'image/jpeg',
      headers: { 'access-control-allow-origin': 'http://another-site.test' },
    }),
  );
  await page.goto(BLANK);
  await page.evaluate(async () => {
    const url = '/faceshape.js';
    (globalThis as unknown as { faceshape: unknown }).faceshape = await import(url);
  });
}
