/**
 * The benchmark page: one engine on one backend per page load (so each starts cold), given
 * as ?engine=ours|worker|raw|mediapipe&backend=webgl|wasm|cpu, or ?engine=pair for ours and raw
 * alternating in one page. It times the same jobs for every engine and leaves the figures in
 * window.benchResult for bench/run.ts.
 */
import type { Engine, EngineName, TfBackend } from './engines/engine';
import { PHOTOS } from './photos';
import { summarize, type Summary } from './stats';
import { videoJobs, type VideoResult } from './video';

export interface JobResult extends Summary {
  /** The first call of the job, not counted in median/p95. */
  first: number;
  faces: number;
}

export interface PageResult {
  engine: EngineName;
  backend: string;
  /** Engine creation: backend start, model download and parse. */
  loadMs: number;
  /** The first photo after load (WebGL compiles its shaders here). */
  firstResultMs: number;
  /** Navigation start to the first photo's result: module import, load and first call. */
  openToFirstResultMs: number;
  photo: JobResult;
  /**
   * A tracked 640×480 frame, including drawing it and its points on a canvas, once the video
   * has run for WARM_FRAMES frames (2 s at 30 fps): the engines' wasm and JavaScript are
   * compiled in tiers as they run, and a webcam runs for minutes.
   */
  frame: JobResult;
  /** The same over the video's first 30 frames (after the first), before that. */
  frameFirstSecond: JobResult;
  group: JobResult;
  /** faceshape's own engines: a frame with no face, jitter and lag of the points (video.ts). */
  video: VideoResult | null;
  /**
   * The longest main-thread task (the page frozen) that began while loading and answering the
   * first photo, and after: calls that never yield to the event loop add up to one task.
   */
  longestTaskMs: { startup: number; steady: number };
  leak: { calls: number; before: number; after: number } | null;
}

/** ours and raw loaded in one page on one backend, their calls alternated: ratios that load drift cannot skew. */
export interface PairResult {
  pair: true;
  backend: string;
  photo: PairJob;
  /** The portrait in mode 0 (every face, the default) against raw's single-face job. */
  photoAllFaces: PairJob;
  frame: PairJob;
  group: PairJob;
}

export interface PairJob {
  ours: Summary;
  raw: Summary;
  /** ours median / raw median. */
  ratio: number;
}

/** One engine (ours or face-api, ?who=) on the crowd and the group photo, every face. */
export interface CrowdResult {
  crowd: true;
  who: 'ours' | 'faceapi' | 'faceapi-tiny';
  backend: string;
  photos: Array<{ photo: string; faces: number; samples: number[] }>;
}

/** A long webcam session: tracked frames for minutes, memory sampled as it goes. */
export interface SoakResult {
  soak: true;
  backend: string;
  seconds: number;
  frames: number;
  /** One sample every 30 s (and at the start and end): tensors, and the page's JS heap in MB. */
  samples: Array<{ at: number; tensors: number | null; heapMB: number | null }>;
}

declare global {
  interface Window {
    benchResult?: PageResult | PairResult | SoakResult | CrowdResult;
    benchError?: string;
  }
}

const params = new URLSearchParams(location.search);
const engineName = (params.get('engine') ?? 'ours') as EngineName | 'pair' | 'crowd';
const backend = (params.get('backend') ?? 'wasm') as TfBackend;
const runs = Number(params.get('runs') ?? 30);
/** A job stops early when its calls have taken this long (slow backends). */
const budgetMs = Number(params.get('budget') ?? 20000);
const leakCalls = Number(params.get('leak') ?? 0);
const soakSeconds = Number(params.get('soak') ?? 0);
/** Video frames tracked before the frame job counts: two seconds of a 30 fps webcam. */
const WARM_FRAMES = 60;
const status = document.querySelector('[data-testid=bench-status]')!;
const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=bench-canvas]')!;

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
const longestTask = (from: number, to: number): number =>
  Math.max(0, ...longTasks.filter((t) => t.startTime >= from && t.startTime < to).map((t) => t.duration));

async function loadEngine(name: EngineName): Promise<Engine> {
  switch (name) {
    case 'ours':
      return (await import('./engines/ours')).loadOurs(backend);
    case 'worker':
      return (await import('./engines/worker')).loadWorker(backend);
    case 'raw':
      return (await import('./engines/raw')).loadRaw(backend);
    case 'mediapipe':
      return (await import('./engines/mediapipe')).loadMediapipe();
  }
}

async function photo(name: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = `photos/${name}`;
  await img.decode();
  return img;
}

/** Webcam-like frames: the portrait in a 640×480 frame, drifting a few pixels each frame. */
function frames(source: HTMLImageElement, count: number): HTMLCanvasElement[] {
  return Array.from({ length: count }, (_, i) => {
    const frame = document.createElement('canvas');
    frame.width = 640;
    frame.height = 480;
    const side = 480;
    const dx = Math.round(8 * Math.sin(i / 3));
    const dy = Math.round(4 * Math.cos(i / 4));
    frame.getContext('2d')!.drawImage(source, 80 + dx, dy, side, side);
    return frame;
  });
}

async function job(call: () => Promise<number>, first: number, faces: number): Promise<JobResult> {
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < runs && performance.now() - start < budgetMs) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  return { first, faces, ...summarize(samples) };
}

async function timed<T>(call: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await call();
  return [value, performance.now() - t];
}

interface Inputs {
  portrait: HTMLImageElement;
  groupPhoto: HTMLImageElement;
  webcam: HTMLImageElement;
  empty: HTMLImageElement;
  video: HTMLCanvasElement[];
}

async function inputs(): Promise<Inputs> {
  const [portrait, webcam, groupPhoto, empty] = await Promise.all([photo(PHOTOS.portrait), photo(PHOTOS.webcam), photo(PHOTOS.group), photo(PHOTOS.empty)]);
  return { portrait, groupPhoto, webcam, empty, video: frames(webcam, 30) };
}

/** Draws a frame and its points, as the video job's player does. */
function drawFaces(frame: HTMLCanvasElement, faces: ReadonlyArray<Record<string, ReadonlyArray<{ x: number; y: number }>>>): void {
  const draw = canvas.getContext('2d')!;
  draw.drawImage(frame, 0, 0);
  draw.fillStyle = '#0f0';
  for (const face of faces) for (const p of Object.values(face).flat()) draw.fillRect(p.x - 1, p.y - 1, 2, 2);
}

/** One engine's video: each call tracks the next frame and draws it with its points. */
function player(engine: Engine, video: HTMLCanvasElement[]): () => Promise<number> {
  const draw = canvas.getContext('2d')!;
  let frameNo = 0;
  return async () => {
    const frame = video[frameNo++ % video.length]!;
    const faces = await engine.frame(frame);
    draw.drawImage(frame, 0, 0);
    draw.fillStyle = '#0f0';
    for (const face of faces) for (const p of face) draw.fillRect(p.x - 1, p.y - 1, 2, 2);
    return faces.length;
  };
}

async function main(): Promise<PageResult> {
  const { portrait, groupPhoto, webcam, empty, video } = await inputs();

  status.textContent = `loading ${engineName} on ${backend}`;
  const startup = performance.now();
  const [engine, loadMs] = await timed(() => loadEngine(engineName as EngineName));
  const [photoFaces, firstResultMs] = await timed(() => engine.photo(portrait));
  const steady = performance.now();

  status.textContent = 'photo';
  const photoJob = await job(() => engine.photo(portrait), firstResultMs, photoFaces);

  status.textContent = 'video';
  const frameCall = player(engine, video);
  const [frameFaces, firstFrame] = await timed(frameCall);
  const frameFirstSecond = await job(frameCall, firstFrame, frameFaces);
  for (let i = frameFirstSecond.n + 1; i < WARM_FRAMES; i++) await frameCall();
  const frameJob = await job(frameCall, firstFrame, frameFaces);

  status.textContent = 'group';
  const [groupFaces, firstGroup] = await timed(() => engine.group(groupPhoto));
  const groupJob = await job(() => engine.group(groupPhoto), firstGroup, groupFaces);

  let videoResult: VideoResult | null = null;
  if (engine.track && engine.resetTracking) {
    status.textContent = 'video: no face, jitter, lag';
    videoResult = await videoJobs({ track: engine.track, resetTracking: engine.resetTracking }, webcam, empty, drawFaces, frameJob.median, runs);
  }

  let leak: PageResult['leak'] = null;
  const before = engine.tensors();
  if (leakCalls > 0 && before !== null) {
    status.textContent = `${leakCalls} calls`;
    for (let i = 0; i < leakCalls; i++) await (i % 5 === 0 ? engine.photo(portrait) : frameCall());
    leak = { calls: leakCalls, before, after: engine.tensors()! };
  }
  engine.close();
  return {
    engine: engineName as EngineName,
    backend: engine.backend,
    loadMs,
    firstResultMs,
    openToFirstResultMs: steady,
    photo: photoJob,
    frame: frameJob,
    frameFirstSecond,
    group: groupJob,
    video: videoResult,
    longestTaskMs: { startup: longestTask(startup, steady), steady: longestTask(steady, performance.now()) },
    leak,
  };
}

/**
 * Chromium's JS heap still in use: garbage collected first where the runner exposes gc()
 * (--js-flags=--expose-gc), so growth means memory held, not garbage not yet swept.
 */
function heapMB(): number | null {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? Math.round((memory.usedJSHeapSize / 2 ** 20) * 10) / 10 : null;
}

async function soak(): Promise<SoakResult> {
  const { video } = await inputs();
  const engine = await loadEngine(engineName as EngineName);
  const frameCall = player(engine, video);
  await frameCall();
  const start = performance.now();
  const sample = (): SoakResult['samples'][number] => ({ at: Math.round((performance.now() - start) / 1000), tensors: engine.tensors(), heapMB: heapMB() });
  const samples = [sample()];
  let frames = 0;
  let nextSample = 30_000;
  while (performance.now() - start < soakSeconds * 1000) {
    await frameCall();
    frames++;
    if (performance.now() - start >= nextSample) {
      samples.push(sample());
      nextSample += 30_000;
    }
  }
  samples.push(sample());
  const backendUsed = engine.backend;
  engine.close();
  return { soak: true, backend: backendUsed, seconds: soakSeconds, frames, samples };
}

/** Alternates the calls of two engines, after one warm-up call each. */
async function alternate(ours: () => Promise<unknown>, raw: () => Promise<unknown>, warmUp = 1): Promise<PairJob> {
  for (let i = 0; i < warmUp; i++) {
    await ours();
    await raw();
  }
  const a: number[] = [];
  const b: number[] = [];
  const start = performance.now();
  while (a.length < runs && performance.now() - start < 2 * budgetMs) {
    for (const [call, samples] of [[ours, a], [raw, b]] as const) {
      const t = performance.now();
      await call();
      samples.push(performance.now() - t);
    }
  }
  const [sa, sb] = [summarize(a), summarize(b)];
  return { ours: sa, raw: sb, ratio: sa.median / sb.median };
}

async function pair(): Promise<PairResult> {
  const { portrait, groupPhoto, video } = await inputs();
  status.textContent = `loading ours and raw on ${backend}`;
  // faceshape first: its TF.js registers the backends both then share (TF.js keeps one engine per page).
  const ours = await loadEngine('ours');
  const raw = await loadEngine('raw');
  status.textContent = 'pairs';
  const result: PairResult = {
    pair: true,
    backend: ours.backend,
    photo: await alternate(() => ours.photo(portrait), () => raw.photo(portrait)),
    photoAllFaces: await alternate(() => ours.group(portrait), () => raw.photo(portrait)),
    frame: await alternate(player(ours, video), player(raw, video), WARM_FRAMES),
    group: await alternate(() => ours.group(groupPhoto), () => raw.group(groupPhoto)),
  };
  ours.close();
  raw.close();
  return result;
}

async function crowd(): Promise<CrowdResult> {
  const who = (['faceapi', 'faceapi-tiny'] as const).find((w) => w === params.get('who')) ?? 'ours';
  const [crowdPhoto, groupPhoto] = await Promise.all([photo(PHOTOS.crowd), photo(PHOTOS.group)]);
  status.textContent = `loading ${who} on ${backend}`;
  const engine = who === 'ours' ? await loadEngine('ours') : await (await import('./engines/faceapi')).loadFaceApi(backend, who === 'faceapi' ? 'ssd' : 'tiny');
  const photos: CrowdResult['photos'] = [];
  for (const [name, image] of [[PHOTOS.crowd, crowdPhoto], [PHOTOS.group, groupPhoto]] as const) {
    status.textContent = `crowd: ${name}`;
    const faces = await engine.group(image);
    const samples: number[] = [];
    for (let i = 0; i < runs / 2; i++) samples.push((await timed(() => engine.group(image)))[1]);
    photos.push({ photo: name, faces, samples });
  }
  return { crowd: true, who, backend: engine.backend, photos };
}

(engineName === 'pair' ? pair() : engineName === 'crowd' ? crowd() : soakSeconds > 0 ? soak() : main()).then(
  (result) => {
    window.benchResult = result;
    status.textContent = 'done';
  },
  (e: unknown) => {
    window.benchError = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
    status.textContent = `error: ${window.benchError}`;
  },
);
