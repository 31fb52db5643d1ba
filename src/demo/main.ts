/**
 * The demo page: a client of the public module like any other app. Wires the inputs, the
 * options, the camera and the panels to one engine (in a worker where possible).
 */
import { GROUPS, type AnalyzeResponse, type Backend, type LoadProgress } from '/faceshape.js';
import { BatchList, type BatchEntry } from './batch-list';
import { cameraErrorMessage } from './camera-errors';
import { baseName, jsonLines, saveBlob } from './downloads';
import { startEngine, workerSupported, EngineStartError, type Engine, type EngineSite } from './engine';
import type { EngineRequest, Outcome } from './engine-protocol';
import { describeError } from './error-text';
import { FrameMeter, formatRate } from './frame-meter';
import { urlSource, wireInputs, type Source } from './input-sources';
import { JsonPanel } from './json-panel';
import { buildLegend, onOptionsChange, readOptions, type RequestOptions } from './options-form';
import { Stage, type DisplayOptions } from './stage';
import { Webcam } from './webcam';

const $ = <T extends HTMLElement>(selector: string): T => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The page is missing ${selector}`);
  return found;
};
const hook = <T extends HTMLElement>(id: string): T => $<T>(`[data-testid="${id}"]`);

/**
 * How often the JSON panel follows the camera: laying out hundreds of lines of JSON takes CPU
 * the analysis needs on a small machine, and nobody reads JSON at ten frames a second.
 */
const LIVE_JSON_MS = 1000;
/** The speed readout changes this often at most: rewritten on every frame, its text cost the page a layout a frame. */
const FPS_TEXT_MS = 250;

const status = hook('status');
const loadBar = $<HTMLProgressElement>('#load-progress');
const backendBadge = hook('backend');
const summary = $('#summary');
const fps = hook('fps');
const webcamToggle = hook<HTMLButtonElement>('webcam-toggle');
const pngButton = $<HTMLButtonElement>('#download-png');
const optionEls = { mode: hook<HTMLSelectElement>('opt-mode'), version: hook<HTMLSelectElement>('opt-version'), rotate: hook<HTMLInputElement>('opt-rotate') };

const stage = new Stage(
  {
    stage: $('#stage'),
    frame: $('#frame'),
    photo: $<HTMLImageElement>('#photo'),
    live: $<HTMLVideoElement>('#live'),
    frameCanvas: $<HTMLCanvasElement>('#frame-canvas'),
    overlay: hook<HTMLCanvasElement>('overlay'),
    empty: $('#empty'),
    busy: $('#busy'),
    error: hook('error'),
    errorTitle: $('#error-title'),
    errorDetail: $('#error-detail'),
  },
  GROUPS,
);
const json = new JsonPanel({ pre: hook('result-json'), copy: $('#copy-json'), download: $('#download-json'), note: $('#json-note') });

let display: DisplayOptions = { showIndices: false, hidden: new Set() };
const showIndices = $<HTMLInputElement>('#show-indices');
showIndices.addEventListener('change', () => stage.setDisplay((display = { ...display, showIndices: showIndices.checked })));
buildLegend($('#legend'), GROUPS, (hidden) => stage.setDisplay((display = { ...display, hidden })));

// ---- engine -------------------------------------------------------------------------------

const MB = (bytes: number): string => (bytes / 1e6).toFixed(1);
let engine: Engine | undefined;

function onProgress(p: LoadProgress): void {
  if (engine) {
    // A model loaded on first use (face_model_version 2.0).
    status.textContent = `loading model ${p.step}…`;
    return;
  }
  loadBar.value = p.totalBytes ? Math.min(1, p.loadedBytes / p.totalBytes) : 0;
  status.textContent = `loading models… ${MB(p.loadedBytes)} of ${MB(p.totalBytes)} MB`;
}

const site: EngineSite = new URLSearchParams(location.search).get('engine') === 'main' || !workerSupported() ? 'main thread' : 'worker';
function showBackend(backend: Backend, where: EngineSite): void {
  backendBadge.textContent = `${backend} · ${where}`;
  backendBadge.title = `TensorFlow.js ${backend} backend, running in ${where === 'worker' ? 'a web worker' : 'the page'}`;
}

const engineReady: Promise<Engine> = startEngine({ site, onProgress, onBackendChange: (b) => engine && showBackend(b, engine.site) }).then(
  (e) => {
    engine = e;
    status.textContent = 'ready';
    status.dataset.state = 'ready';
    loadBar.classList.add('done');
    showBackend(e.backend, e.site);
    return e;
  },
  (err: unknown) => {
    status.textContent = 'failed to load the models';
    status.dataset.state = 'failed';
    loadBar.classList.add('done');
    backendBadge.textContent = 'none';
    const envelope = err instanceof EngineStartError ? err.envelope : undefined;
    stage.showError({ title: 'The face models could not be loaded', detail: envelope?.error.message ?? String(err) });
    if (envelope) json.show(envelope, 'faceshape-error.json');
    throw err;
  },
);
// The failure is on screen already; every later use awaits engineReady and handles it there.
engineReady.catch(() => undefined);

async function run(call: (e: Engine) => Promise<Outcome>): Promise<Outcome> {
  let e: Engine;
  try {
    e = await engineReady;
  } catch (err) {
    if (err instanceof EngineStartError) return { ok: false, error: err.envelope, ms: 0 };
    throw err;
  }
  const outcome = await call(e);
  settleStatus();
  return outcome;
}

/** Back to "ready" after a call that loaded a model on first use. */
function settleStatus(): void {
  if (status.dataset.state === 'ready') status.textContent = 'ready';
}

// ---- photos -------------------------------------------------------------------------------

interface Item extends BatchEntry {
  source: Source;
  /** The picture to show, fetched once per item. */
  picture?: Promise<Blob | null>;
  /** Counts runs, so an answer to an older run (options changed since) is dropped. */
  runs: number;
}

let items: Item[] = [];
let current = -1;
/** The person picked an item, so the stage stops following the batch. */
let pinned = false;
let generation = 0;

const batch = new BatchList(
  { section: $('#batch'), progress: $<HTMLProgressElement>('#batch-progress'), count: $('#batch-count'), list: $<HTMLOListElement>('#batch-list'), download: $('#download-jsonl') },
  (i) => {
    pinned = true;
    select(i);
  },
);
const renderBatch = (): void => batch.render(items, current);

function request(source: Source, options: RequestOptions): EngineRequest {
  return source.kind === 'file' ? { image: source.file, ...options } : { image_url: source.url, ...options };
}

function picture(source: Source): Promise<Blob | null> {
  if (source.kind === 'file') return Promise.resolve(source.file);
  // The module fetched the URL itself; the page fetches it again only to show it (from the
  // HTTP cache, usually). The page's CSP may refuse what the worker could fetch (plain http).
  return fetch(source.url, { credentials: 'omit' })
    .then((r) => (r.ok ? r.blob() : null))
    .catch(() => null);
}

function describe(response: AnalyzeResponse, ms: number): string {
  const n = response.face_shape_set.length;
  const faces = n === 0 ? 'No face found' : n === 1 ? '1 face' : `${n} faces`;
  const where = engine ? ` on ${engine.backend}` : '';
  return `${faces} · ${response.image_width} × ${response.image_height} px · model ${response.face_model_version} · ${Math.round(ms)} ms${where}`;
}

async function analyzeItem(item: Item): Promise<void> {
  const thisRun = ++item.runs;
  item.running = true;
  renderBatch();
  if (item === items[current]) {
    stage.setBusy(true);
    summary.textContent = `Analysing ${item.name}…`;
  }
  const outcome = await run((e) => e.analyze(request(item.source, readOptions(optionEls))));
  if (thisRun !== item.runs) return;
  item.outcome = outcome;
  item.running = false;
  renderBatch();
  if (item === items[current]) await showItem(item);
}

async function showItem(item: Item): Promise<void> {
  const { outcome } = item;
  stage.setBusy(item.running);
  if (!outcome) return;
  const file = `${baseName(item.name)}.faceshape`;
  if (outcome.ok) {
    const r = outcome.response;
    // Fetched only once the module has it, so a URL that fails is fetched (and refused) once.
    item.picture ??= picture(item.source);
    const blob = await item.picture;
    if (item !== items[current] || item.outcome !== outcome) return;
    await stage.showPhoto(blob, r.image_width, r.image_height);
    if (item !== items[current] || item.outcome !== outcome) return;
    stage.showError(null);
    stage.setFaces(r.face_shape_set);
    json.show(r, `${file}.json`);
    summary.textContent = blob ? describe(r, outcome.ms) : `${describe(r, outcome.ms)} · the picture could not be loaded for display (this page shows images from its own site or https only)`;
  } else {
    stage.clear();
    stage.showError(describeError(outcome.error, item.name));
    json.show(outcome.error, `${file}.error.json`);
    summary.textContent = `Error: ${outcome.error.error.code}`;
  }
  pngButton.disabled = !stage.hasPicture;
}

function select(i: number): void {
  current = i;
  renderBatch();
  const item = items[i]!;
  if (item.outcome) void showItem(item);
  else stage.setBusy(true);
}

function analyzeSources(sources: Source[]): void {
  if (webcam.running || cameraStarting) stopCamera();
  const gen = ++generation;
  items = sources.map((source) => ({ name: source.name, source, running: false, runs: 0 }));
  current = 0;
  pinned = false;
  stage.showError(null);
  renderBatch();
  void (async () => {
    for (const [i, item] of items.entries()) {
      if (gen !== generation) return;
      if (!pinned) current = i;
      await analyzeItem(item);
    }
  })();
}

const takePickedFiles = wireInputs(
  { fileInput: hook('file-input'), urlForm: $('#url-form'), urlInput: hook('url-input'), dropVeil: $('#drop-veil') },
  analyzeSources,
);

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-sample]')) {
  button.addEventListener('click', () => {
    const source = urlSource(button.dataset.sample!, document.baseURI)!;
    hook<HTMLInputElement>('url-input').value = source.url;
    analyzeSources([source]);
  });
}

$('#download-jsonl').addEventListener('click', () => {
  const records = items
    .filter((i) => i.outcome && !i.running)
    .map((i) => ({ file: i.name, response: i.outcome!.ok ? i.outcome!.response : i.outcome!.error }));
  saveBlob(new Blob([jsonLines(records)], { type: 'application/x-ndjson' }), 'faceshape-results.jsonl');
});

pngButton.addEventListener('click', async () => {
  const blob = await stage.exportPng();
  const name = webcam.running || items.length === 0 ? 'camera' : items[current]!.name;
  if (blob) saveBlob(blob, `${baseName(name)}.faceshape.png`);
});

onOptionsChange(optionEls, () => {
  if (webcam.running) {
    webcam.optionsChanged();
    return;
  }
  const item = items[current];
  if (item) void analyzeItem(item);
});

// ---- camera -------------------------------------------------------------------------------

const meter = new FrameMeter();
let fpsTextAt = -Infinity;
let cameraStarting = false;
let lastLive: { response: AnalyzeResponse; ms: number } | undefined;
let liveJsonAt = 0;

function showLive(): void {
  if (!lastLive) return;
  json.show(lastLive.response, 'camera.faceshape.json');
  summary.textContent = `Camera · ${describe(lastLive.response, lastLive.ms)}`;
  liveJsonAt = performance.now();
}

const webcam = new Webcam($<HTMLVideoElement>('#live'), {
  // The camera starts only once the engine is ready (startCamera waits for it).
  follow: (video, options, onFrame) =>
    engine!.follow(video, options, (outcome, frame) => {
      settleStatus();
      onFrame(outcome, frame);
    }),
  options: () => {
    const o = readOptions(optionEls);
    return { mode: o.mode, face_model_version: o.face_model_version };
  },
  onFrame(outcome, frame) {
    if (frame) stage.showFrame(frame.image, frame.width, frame.height);
    const now = performance.now();
    meter.add(now, outcome.ms);
    if (now - fpsTextAt >= FPS_TEXT_MS) {
      fps.textContent = formatRate(meter.fps, meter.msPerFrame);
      fpsTextAt = now;
    }
    if (outcome.ok) {
      // track() smooths the points itself (One Euro, on by default).
      stage.setFaces(outcome.response.face_shape_set);
      lastLive = { response: outcome.response, ms: outcome.ms };
      if (performance.now() - liveJsonAt >= LIVE_JSON_MS) showLive();
    } else {
      stage.setFaces([]);
      json.show(outcome.error, 'camera.faceshape.error.json');
    }
    pngButton.disabled = false;
  },
  onLost() {
    cameraStopped();
    stage.showError({ title: 'The camera stopped', detail: 'The camera was disconnected or its permission was withdrawn.' });
  },
});

function setToggle(on: boolean, label: string): void {
  webcamToggle.textContent = label;
  webcamToggle.setAttribute('aria-pressed', String(on));
  optionEls.rotate.disabled = on;
  // A summary that changes every second would never stop talking to a screen reader.
  summary.setAttribute('aria-live', on ? 'off' : 'polite');
}

function cameraStopped(): void {
  cameraStarting = false;
  setToggle(false, 'Start camera');
  const rate = formatRate(meter.fps, meter.msPerFrame);
  fps.textContent = meter.fps === undefined ? 'off' : `stopped · last ${rate}`;
  showLive();
  if (!lastLive) stage.clear();
}

function stopCamera(): void {
  webcam.stop();
  cameraStopped();
}

async function startCamera(): Promise<void> {
  cameraStarting = true;
  setToggle(true, 'Stop camera');
  generation++;
  items = [];
  current = -1;
  renderBatch();
  stage.setBusy(false);
  stage.showError(null);
  fps.textContent = 'starting…';
  summary.textContent = 'Starting the camera…';
  try {
    await engineReady;
    if (!cameraStarting) return;
    // Following starts with fresh tracking: no face of a photo or an earlier camera carries over.
    await webcam.start();
    if (!cameraStarting) return;
  } catch (err) {
    if (!cameraStarting) return;
    webcam.stop();
    cameraStarting = false;
    setToggle(false, 'Start camera');
    fps.textContent = 'off';
    summary.textContent = 'Camera unavailable';
    if (!(err instanceof EngineStartError)) stage.showError({ title: 'Camera unavailable', detail: cameraErrorMessage(err) });
    return;
  }
  cameraStarting = false;
  meter.reset();
  fpsTextAt = -Infinity;
  lastLive = undefined;
  json.show(null, '');
  const { width, height } = webcam.size;
  stage.showCamera(width, height);
  summary.textContent = 'Camera · looking for faces…';
}

webcamToggle.addEventListener('click', () => {
  if (webcam.running || cameraStarting) {
    stopCamera();
  } else {
    void startCamera();
  }
});

addEventListener('keydown', (e) => {
  if (e.key === 'Escape') stage.showError(null);
});
addEventListener('pagehide', () => webcam.stop());
takePickedFiles();
