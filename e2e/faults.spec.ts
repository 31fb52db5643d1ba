/**
 * Faults the page cannot prevent: the WebGL context lost under a running analyzer (forced
 * with WEBGL_lose_context, as a GPU reset or a driver crash would), and model files that are
 * missing or fail their checksum. The analyzer must say what happened and keep answering, or
 * refuse to start with a clear error: never a half-working page.
 */
import { expect, test, type Page } from '@playwright/test';
import type { BackendChange } from '/faceshape.js';
import { SAME_FACE_TOLERANCE } from '../test/fixtures/bad/cases';
import { driftFrom } from '../test/fixtures/bad/judge';
import { CORPUS_PREFIX, openRobustPage, SOURCE } from './support/robust-page';

type FaceshapeModule = typeof import('/faceshape.js');
type Analyzer = Awaited<ReturnType<FaceshapeModule['createFaceAnalyzer']>>;
type PageGlobals = {
  faceshape: FaceshapeModule;
  analyzer: Analyzer;
  changes: (BackendChange & { at: number })[];
  /** Every WebGL context the page created, recorded by the init script. */
  glContexts: (WebGLRenderingContext | WebGL2RenderingContext)[];
  loseAllContexts: () => number;
  /** Creates g.analyzer on WebGL, recording its backend changes in g.changes; resolves to its backend. */
  startOnWebgl: () => Promise<string>;
};

/** Records every WebGL context made in the page, so a test can lose them as a GPU reset would. */
function recordWebglContexts(): void {
  const g = globalThis as unknown as PageGlobals;
  g.glContexts = [];
  for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype]) {
    const original = proto.getContext as (this: unknown, type: string, ...rest: unknown[]) => unknown;
    (proto as { getContext: unknown }).getContext = function (this: unknown, type: string, ...rest: unknown[]) {
      const context = original.call(this, type, ...rest);
      if (context && type.startsWith('webgl')) g.glContexts.push(context as WebGLRenderingContext);
      return context;
    };
  }
  g.loseAllContexts = () => {
    const live = g.glContexts.filter((gl) => !gl.isContextLost());
    for (const gl of live) gl.getExtension('WEBGL_lose_context')!.loseContext();
    return live.length;
  };
  g.startOnWebgl = async () => {
    g.changes = [];
    g.analyzer = await g.faceshape.createFaceAnalyzer({ backend: 'webgl', onBackendChange: (c) => g.changes.push({ ...c, at: performance.now() }) });
    return g.analyzer.backend;
  };
}

const pageErrors: string[] = [];

async function openPage(page: Page): Promise<void> {
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(recordWebglContexts);
  await openRobustPage(page);
}

test.beforeEach(() => {
  pageErrors.length = 0;
});

test.afterEach(() => {
  expect(pageErrors, 'errors and unhandled rejections in the page').toEqual([]);
});

test.describe('WebGL context lost', () => {
  // The first WebGL run compiles every shader: tens of seconds on a software renderer.
  test.setTimeout(240_000);

  test('mid-run: the call is answered all the same, on wasm, and the analyzer says so', async ({ page }) => {
    await openPage(page);
    const out = await page.evaluate(async (photo) => {
      const g = globalThis as unknown as PageGlobals;
      const startedOn = await g.startOnWebgl();
      const started = performance.now();
      const running = g.analyzer.analyze({ image_url: photo });
      // Well inside the run: its first WebGL call spends seconds compiling shaders.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const lost = g.loseAllContexts();
      const lostAt = performance.now();
      const answer = await running;
      const answeredAt = performance.now();
      const again = await g.analyzer.analyze({ image_url: photo });
      return { startedOn, lost, started, lostAt, answeredAt, answer, again, backend: g.analyzer.backend, changes: g.changes };
    }, `${CORPUS_PREFIX}${SOURCE}`);
    expect(out.startedOn).toBe('webgl');
    expect(out.lost).toBeGreaterThan(0);
    expect(out.lostAt).toBeLessThan(out.answeredAt);
    expect(out.backend).toBe('wasm');
    expect(out.changes).toHaveLength(1);
    expect(out.changes[0]).toMatchObject({ from: 'webgl', to: 'wasm', reason: 'context_lost' });
    // The interrupted call was run again on wasm: the same answer wasm gives afterwards.
    expect(out.answer.face_shape_set).toHaveLength(1);
    expect([out.answer.image_width, out.answer.image_height]).toEqual([324, 400]);
    expect(out.again).toEqual(out.answer);
  });

  test('between calls: the next call recovers first; a later analyzer cannot force the dead WebGL', async ({ page }) => {
    await openPage(page);
    const out = await page.evaluate(async (photo) => {
      const g = globalThis as unknown as PageGlobals;
      const startedOn = await g.startOnWebgl();
      const lost = g.loseAllContexts();
      // The context-lost event is delivered asynchronously, as after a real GPU reset.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answer = await g.analyzer.analyze({ image_url: photo });
      const forced = await g.faceshape.createFaceAnalyzer({ backend: 'webgl' }).then(
        (a) => `started on ${a.backend}`,
        (e: { code?: string }) => String(e.code),
      );
      const auto = await g.faceshape.createFaceAnalyzer();
      const autoAnswer = await auto.analyze({ image_url: photo });
      return { startedOn, lost, answer, backend: g.analyzer.backend, changes: g.changes, forced, autoBackend: auto.backend, autoAnswer };
    }, `${CORPUS_PREFIX}${SOURCE}`);
    expect(out.startedOn).toBe('webgl');
    expect(out.lost).toBeGreaterThan(0);
    expect(out.backend).toBe('wasm');
    expect(out.changes.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([{ from: 'webgl', to: 'wasm', reason: 'context_lost' }]);
    expect(out.answer.face_shape_set).toHaveLength(1);
    expect(driftFrom(out.autoAnswer.face_shape_set[0]!, out.answer.face_shape_set[0]!)).toBeLessThan(SAME_FACE_TOLERANCE);
    expect(out.forced).toBe('backend_unavailable');
    expect(out.autoBackend).toBe('wasm');
  });
});

test.describe('model files', () => {
  const MODEL = /\/models\/facemesh-detection-short\.bin$/;

  /** Starts an analyzer, closes it and waits for its tensors to go: the engine is then empty. */
  async function emptyEngineWithClosedAnalyzer(page: Page): Promise<void> {
    await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      g.analyzer = await g.faceshape.createFaceAnalyzer();
      g.analyzer.close();
    });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).analyzer.stats().numTensors)).toBe(0);
  }

  const startFailure = (page: Page) =>
    page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      return g.faceshape.createFaceAnalyzer().then(
        () => null,
        (e: { code?: string; message?: string }) => ({
          isFaceAnalyzeError: e instanceof g.faceshape.FaceAnalyzeError,
          code: e.code,
          message: e.message,
          tensorsLeft: g.analyzer.stats().numTensors,
        }),
      );
    });

  test('a model file that answers 404: createFaceAnalyzer rejects with model_load_failed naming the file, and holds no tensor', async ({ page }) => {
    await openPage(page);
    await emptyEngineWithClosedAnalyzer(page);
    await page.route(MODEL, (route) => route.fulfill({ status: 404, body: 'not found' }));
    const failure = await startFailure(page);
    expect(failure).toMatchObject({ isFaceAnalyzeError: true, code: 'model_load_failed', tensorsLeft: 0 });
    expect(failure!.message).toContain('facemesh-detection-short.bin');
    expect(failure!.message).toContain('HTTP 404');
  });

  test('a model file that fails its checksum: model_load_failed saying so, and no tensor left', async ({ page }) => {
    await openPage(page);
    await emptyEngineWithClosedAnalyzer(page);
    await page.route(MODEL, async (route) => {
      const body = await (await route.fetch()).body();
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ status: 200, body, contentType: 'application/octet-stream' });
    });
    const failure = await startFailure(page);
    expect(failure).toMatchObject({ isFaceAnalyzeError: true, code: 'model_load_failed', tensorsLeft: 0 });
    expect(failure!.message).toContain('facemesh-detection-short.bin');
    expect(failure!.message).toContain('checksum');
  });
});

test.describe('the wasm binary', () => {
  test('answered with an HTML page: forced wasm rejects naming its URL; auto warns naming it and runs on the next backend', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await openPage(page);
    await page.route('**/spa-fallback/*.wasm', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html><body><div id="app"></div></body></html>' }),
    );
    const out = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      // A relative base, as an app would write it: resolved against the page, as modelBaseUrl is.
      const forced = await g.faceshape.createFaceAnalyzer({ backend: 'wasm', wasmBaseUrl: '/spa-fallback/' }).then(
        (a) => ({ code: `started on ${a.backend}`, message: '' }),
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      );
      const auto = await g.faceshape.createFaceAnalyzer({ wasmBaseUrl: '/spa-fallback/' });
      auto.close();
      return { forced, autoBackend: auto.backend, page: location.origin };
    });
    const url = `${out.page}/spa-fallback/tfjs-backend-wasm-simd.wasm`;
    expect(out.forced.code).toBe('backend_unavailable');
    expect(out.forced.message).toContain(`${url} answered text/html, not a wasm binary`);
    expect(out.autoBackend).not.toBe('wasm');
    expect(warnings.filter((w) => w.startsWith('faceshape:'))).toEqual([
      `faceshape: running on ${out.autoBackend}: wasm could not start (${url} answered text/html, not a wasm binary).`,
    ]);
  });
});

test.describe('the demo', () => {
  test.setTimeout(240_000);

  /**
   * Prepended to the analyzer worker the demo starts: WebGL reports a hardware renderer (so 'auto'
   * picks WebGL, as on a device with a GPU) and every context is kept, to be lost on demand.
   */
  function gpuWorker(): void {
    const g = self as unknown as { glContexts: WebGLRenderingContext[]; loseAllContexts: () => number };
    g.glContexts = [];
    const getContext = OffscreenCanvas.prototype.getContext as (this: OffscreenCanvas, type: string, ...rest: unknown[]) => unknown;
    (OffscreenCanvas.prototype as { getContext: unknown }).getContext = function (this: OffscreenCanvas, type: string, ...rest: unknown[]) {
      const context = getContext.call(this, type, ...rest);
      if (context && type.startsWith('webgl')) g.glContexts.push(context as WebGLRenderingContext);
      return context;
    };
    for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
      const getParameter = proto.getParameter as (this: WebGLRenderingContext, p: number) => unknown;
      proto.getParameter = function (this: WebGLRenderingContext, p: number) {
        const UNMASKED_RENDERER_WEBGL = 0x9246;
        return p === UNMASKED_RENDERER_WEBGL || p === this.RENDERER ? 'Test GPU (hardware)' : getParameter.call(this, p);
      };
    }
    g.loseAllContexts = () => {
      const live = g.glContexts.filter((gl) => !gl.isContextLost());
      for (const gl of live) gl.getExtension('WEBGL_lose_context')!.loseContext();
      return live.length;
    };
  }

  const panel = async (page: Page): Promise<{ faces?: number; width?: number; code?: string }> => {
    const text = (await page.getByTestId('result-json').textContent()) ?? '';
    if (!text) return {};
    const v = JSON.parse(text) as { face_shape_set?: unknown[]; image_width?: number; error?: { code: string } };
    return { faces: v.face_shape_set?.length, width: v.image_width, code: v.error?.code };
  };
  const photo = (name: string): string => new URL(`../test/fixtures/faces/${name}`, import.meta.url).pathname;

  test('WebGL context lost while a photo is analysed: the photo is answered, the backend shown turns to wasm, the next photo works', async ({ page, context }) => {
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await context.route(/\/faceshape-worker\.js$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `(${gpuWorker.toString()})();\n${await response.text()}` });
    });
    await page.goto('/');
    await expect(page.getByTestId('status')).toContainText('ready');
    await expect(page.getByTestId('backend')).toHaveText('webgl · worker');
    const worker = page.workers()[0]!;

    await page.getByTestId('file-input').setInputFiles(photo('helen29_100032540_1.jpg'));
    await expect.poll(() => panel(page), { timeout: 120_000 }).toEqual({ faces: 1, width: 359, code: undefined });

    await page.getByTestId('file-input').setInputFiles(photo('helen29_1477005205_1.jpg'));
    expect(await worker.evaluate(() => (self as unknown as { loseAllContexts: () => number }).loseAllContexts())).toBeGreaterThan(0);
    await expect.poll(() => panel(page), { timeout: 120_000 }).toEqual({ faces: 1, width: 324, code: undefined });
    await expect(page.getByTestId('backend')).toHaveText('wasm · worker');

    await page.getByTestId('file-input').setInputFiles(photo('helen29_100591971_1.jpg'));
    await expect.poll(() => panel(page)).toEqual({ faces: 1, width: 266, code: undefined });
    await expect(page.getByTestId('error')).toBeHidden();
  });

  test('a model file that 404s: the page says the models could not be loaded, and a photo given anyway ends in model_load_failed', async ({ page, context }) => {
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await context.route(/\/models\/facemesh-detection-short\.bin$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto('/');
    await expect(page.getByTestId('status')).toContainText('failed');
    await expect(page.getByTestId('error')).toBeVisible();
    await expect(page.getByTestId('error')).toContainText('facemesh-detection-short.bin');
    await expect(page.getByTestId('backend')).toHaveText('none');
    await page.getByTestId('file-input').setInputFiles(photo('helen29_100032540_1.jpg'));
    await expect.poll(() => panel(page)).toEqual({ faces: undefined, width: undefined, code: 'model_load_failed' });
  });
});

