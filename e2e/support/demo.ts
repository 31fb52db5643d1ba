/**
 * What the demo page specs share: opening the page with CSP violations and page errors
 * recorded, putting photos in, reading the JSON panel, checking the overlay's pixels, and
 * keeping screenshots of each state.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { AnalyzeResponse, ErrorEnvelope } from '../../src/index';
import { GROUPS } from '../../src/contract/schema';

const FIXTURES = new URL('../../test/fixtures/faces/', import.meta.url);
export const SCREENSHOTS = 'test-results/screenshots';

export const fixtureBase64 = (name: string): string => readFileSync(new URL(name, FIXTURES)).toString('base64');

/** Records the page's CSP violations and uncaught errors, for expectNoProblems. */
export async function recordProblems(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __problems: string[] };
    w.__problems = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__problems.push(`CSP ${e.violatedDirective} blocked ${e.blockedURI}`));
    addEventListener('error', (e) => w.__problems.push(`error: ${e.message}`));
    addEventListener('unhandledrejection', (e) => w.__problems.push(`unhandled rejection: ${String(e.reason)}`));
  });
}

/** Opens the page and waits for the models; CSP violations and uncaught errors are recorded. */
export async function openDemo(page: Page, query = ''): Promise<void> {
  await recordProblems(page);
  await page.goto(`/${query}`);
  await expect(page.getByTestId('status')).toContainText('ready');
}

export async function expectNoProblems(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __problems: string[] }).__problems)).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Drops files on the page the way a drag from the desktop does (a DataTransfer with Files). */
export async function dropFiles(page: Page, files: { name: string; base64: string; type: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    const target = document.querySelector('main')!;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

export const mime = (name: string): string => (name.endsWith('.png') ? 'image/png' : 'image/jpeg');

export const photo = (name: string): { name: string; base64: string; type: string } => ({ name, base64: fixtureBase64(name), type: mime(name) });

export type PanelValue = AnalyzeResponse | ErrorEnvelope;

/** The JSON panel's text, parsed; undefined while it is empty. */
export async function panelJson(page: Page): Promise<PanelValue | undefined> {
  const text = (await page.getByTestId('result-json').textContent()) ?? '';
  return text ? (JSON.parse(text) as PanelValue) : undefined;
}

/** Waits until the panel holds a response (not an error) that passes `accept`, and returns it. */
export async function waitForResponse(page: Page, accept: (r: AnalyzeResponse) => boolean = () => true): Promise<AnalyzeResponse> {
  let found: AnalyzeResponse | undefined;
  await expect
    .poll(async () => {
      const v = await panelJson(page);
      found = v && 'face_shape_set' in v && accept(v) ? v : undefined;
      return found !== undefined && (await page.locator('#stage').getAttribute('aria-busy')) === 'false';
    })
    .toBe(true);
  return found!;
}

export function expectNinetyPointsPerFace(r: AnalyzeResponse): void {
  for (const face of r.face_shape_set) {
    const count = GROUPS.reduce((n, g) => n + face[g.name].length, 0);
    expect(count).toBe(90);
    for (const g of GROUPS) expect(face[g.name]).toHaveLength(g.size);
  }
}

const hex = (c: string): number[] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/**
 * Reads the overlay canvas at the canvas position of some of each face's points (image
 * pixels mapped by canvas size / image size) and at a spot far from every point.
 */
export async function expectPointsDrawn(page: Page, r: AnalyzeResponse): Promise<void> {
  const probes = r.face_shape_set.flatMap((face) => [
    { group: 'left_pupil', p: face.left_pupil[0]! },
    { group: 'right_pupil', p: face.right_pupil[0]! },
    { group: 'nose', p: face.nose[0]! },
    { group: 'face_profile', p: face.face_profile[10]! },
    { group: 'mouth', p: face.mouth[0]! },
  ]);
  const all = r.face_shape_set.flatMap((f) => GROUPS.flatMap((g) => f[g.name]));
  // A spot at least 40 image pixels from every point (the photos have room at some corner).
  const far = [
    { x: 5, y: 5 },
    { x: r.image_width - 6, y: 5 },
    { x: 5, y: r.image_height - 6 },
    { x: r.image_width - 6, y: r.image_height - 6 },
  ].find((c) => all.every((p) => Math.hypot(p.x - c.x, p.y - c.y) > 40))!;
  expect(far).toBeDefined();
  await expect
    .poll(async () => {
      const read = await page.getByTestId('overlay').evaluate(
        (canvas: HTMLCanvasElement, { points, width, height }) => {
          const ctx = canvas.getContext('2d')!;
          const sx = canvas.width / width;
          const sy = canvas.height / height;
          return {
            size: [canvas.width, canvas.height, canvas.clientWidth, canvas.clientHeight],
            pixels: points.map((p) => Array.from(ctx.getImageData(Math.floor((p.x + 0.5) * sx), Math.floor((p.y + 0.5) * sy), 1, 1).data)),
          };
        },
        { points: [...probes.map((q) => q.p), far], width: r.image_width, height: r.image_height },
      );
      const farPixel = read.pixels.pop()!;
      const problems: string[] = [];
      if (farPixel[3] !== 0) problems.push(`drawn far from every point: ${farPixel}`);
      read.pixels.forEach((px, i) => {
        const { group, p } = probes[i]!;
        if (px[3]! < 200) problems.push(`${group} (${p.x},${p.y}) not drawn: ${px}`);
        const want = hex(GROUPS.find((g) => g.name === group)!.color);
        if (group.endsWith('pupil') && want.some((c, k) => Math.abs(c - px[k]!) > 40)) problems.push(`${group} colour ${px} is not ${want}`);
      });
      // High-DPI: the backing store is the displayed size times devicePixelRatio.
      const dpr = await page.evaluate(() => devicePixelRatio);
      const [w, h, cw, ch] = read.size;
      if (Math.abs(w! - cw! * dpr) > 1.5 * dpr || Math.abs(h! - ch! * dpr) > 1.5 * dpr) problems.push(`canvas ${w}×${h} for ${cw}×${ch} css px at dpr ${dpr}`);
      return problems;
    })
    .toEqual([]);
}

/**
 * For the camera, where the overlay shows smoothed points: each face's pupils, nose tip and
 * chin have something drawn within `reach` canvas pixels of where the JSON puts them.
 */
export async function expectDrawnNear(page: Page, r: AnalyzeResponse, reach: number): Promise<void> {
  const points = r.face_shape_set.flatMap((f) => [f.left_pupil[0]!, f.right_pupil[0]!, f.nose[0]!, f.face_profile[10]!]);
  const missing = await page.getByTestId('overlay').evaluate(
    (canvas: HTMLCanvasElement, { points, width, height, reach }) => {
      const ctx = canvas.getContext('2d')!;
      const s = canvas.width / width;
      return points.filter((p) => {
        const x = Math.floor((p.x + 0.5) * s) - reach;
        const y = Math.floor((p.y + 0.5) * (canvas.height / height)) - reach;
        const { data } = ctx.getImageData(x, y, 2 * reach + 1, 2 * reach + 1);
        return !data.some((v, i) => i % 4 === 3 && v > 200);
      });
    },
    { points, width: r.image_width, height: r.image_height, reach },
  );
  expect(missing).toEqual([]);
}
