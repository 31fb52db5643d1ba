/**
 * What the drop-in e2e specs share: a blank same-origin page, test photos served at a
 * same-origin path (from test/fixtures/faces/, not from the site), and the spec's examples.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import type { AnalyzeResponse } from '../../src/contract/types';

const FIXTURES = new URL('../../test/fixtures/faces/', import.meta.url);

/** Where the specs' photos appear on the test origin. */
export const PHOTO_PATH = '/__e2e__/photos/';

/** The spec's curl example headers (the token is the example's placeholder). */
export const SPEC_HEADERS = { accept: 'application/json', authorization: 'Bearer {token}', 'content-type': 'application/json' };

export const photoBytes = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

/** Serves test/fixtures/faces/<name> at PHOTO_PATH<name> for requests the page (or context) makes. */
export async function servePhotos(target: Page | BrowserContext): Promise<void> {
  await target.route(`**${PHOTO_PATH}*`, (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.slice(PHOTO_PATH.length));
    if (!/^[\w.-]+$/.test(name)) return route.fulfill({ status: 404 });
    try {
      return route.fulfill({ body: photoBytes(name), contentType: name.endsWith('.png') ? 'image/png' : 'image/jpeg' });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
}

/** An empty page on the test origin, so nothing but the spec's own code runs in it. */
export async function openBlankPage(page: Page, path = '/__e2e__/blank.html'): Promise<void> {
  await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>drop-in</title>' }));
  await page.goto(path);
}

/** The annotated (iBUG 68) eye centres of a fixture photo. */
export function annotatedEyes(name: string): { left: { x: number; y: number }; right: { x: number; y: number } } {
  const points = (JSON.parse(readFileSync(new URL(name.replace(/\.\w+$/, '.json'), FIXTURES), 'utf8')) as { points: [number, number][] }).points;
  const mean = (from: number): { x: number; y: number } => {
    const eye = points.slice(from, from + 6);
    return { x: eye.reduce((s, p) => s + p[0], 0) / 6, y: eye.reduce((s, p) => s + p[1], 0) / 6 };
  };
  return { left: mean(36), right: mean(42) };
}

/** Largest distance between a response's pupils and the annotated eye centres, in eye distances. */
export function pupilError(response: AnalyzeResponse, name: string): number {
  const eyes = annotatedEyes(name);
  const face = response.face_shape_set[0]!;
  const interocular = Math.hypot(eyes.right.x - eyes.left.x, eyes.right.y - eyes.left.y);
  const d = (p: { x: number; y: number }, q: { x: number; y: number }): number => Math.hypot(p.x - q.x, p.y - q.y);
  return Math.max(d(face.left_pupil[0]!, eyes.left), d(face.right_pupil[0]!, eyes.right)) / interocular;
}
