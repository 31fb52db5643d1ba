/**
 * `npm install faceshape` in a new app, with no bundler config, no copy step and no base URLs:
 * the packed package in a Vite production build, the Vite dev server and a webpack 5
 * production build, each at the site root and at a deep route; plain Node; and its types under
 * each moduleResolution. Every request the page makes must be answered by the file it asked
 * for: no 404, no HTML page for a model, wasm or script.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { makeApp, packPackage, staticHost, viteBuild, viteDev, webpackBuild } from './support/consumer-app';

const run = promisify(execFile);

interface Outcome {
  backend: string;
  width: number;
  faces: number;
  points: number;
}
interface AppResult {
  page?: Outcome;
  worker?: Outcome;
  errors: string[];
  warnings: string[];
}

let scratch: string;
let tarball: string;
let app: string;
let builds: { vite?: Promise<string>; webpack?: Promise<string> } = {};
test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'faceshape-pack-'));
  tarball = packPackage(scratch);
  app = makeApp(tarball);
  builds = {};
});
test.afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(app, { recursive: true, force: true });
});

/** Opens the app at `url`, waits for its outcome, and checks what every request got. */
async function openApp(page: Page, url: string): Promise<AppResult> {
  const answers: string[] = [];
  page.on('response', (r) => {
    const type = r.headers()['content-type'] ?? '';
    const asset = /\.(js|mjs|ts|json|bin|wasm)(\?|$)/.test(new URL(r.url()).pathname + new URL(r.url()).search);
    if (r.status() >= 400 || (asset && type.includes('text/html'))) answers.push(`${r.status()} ${type} ${r.url()}`);
  });
  await page.goto(url);
  const result = (await page.waitForFunction(() => (window as { faceshapeResult?: unknown }).faceshapeResult, undefined, { timeout: 120_000 }).then((h) => h.jsonValue())) as AppResult;
  expect(answers, 'requests answered with an error or an HTML page').toEqual([]);
  return result;
}

/** The backend 'auto' must reach: wasm where WebGL is a software renderer, as on these machines. */
async function expectedBackend(page: Page): Promise<string> {
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  });
  return /swiftshader|llvmpipe|software/i.test(renderer) || renderer === '' ? 'wasm' : 'webgl';
}

function expectWorks(result: AppResult, backend: string): void {
  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([]);
  for (const where of [result.page, result.worker]) {
    expect(where).toEqual({ backend, width: 512, faces: 1, points: 90 });
  }
}

test('the package: the library once, no demo, no TF.js sources in its maps, at most 7 MB', async () => {
  const { size } = statSync(tarball);
  expect(size).toBeLessThanOrEqual(7 * 1024 * 1024);
  const { stdout } = await run('tar', ['tzf', tarball]);
  const files = stdout.trim().split('\n').map((f) => f.replace(/^package\//, ''));
  expect(files.filter((f) => /(^|\/)(index\.html|assets\/|samples\/|favicon)/.test(f))).toEqual([]);
  const models = files.filter((f) => /\.bin$/.test(f)).map((f) => f.slice(f.lastIndexOf('/') + 1));
  expect(models.sort()).toEqual([...new Set(models)].sort());
  expect(files.filter((f) => f.endsWith('.wasm')).sort()).toEqual(['dist/wasm/tfjs-backend-wasm-simd.wasm', 'dist/wasm/tfjs-backend-wasm.wasm']);
  for (const entry of ['dist/faceshape.js', 'dist/faceshape-worker.js', 'dist/faceshape-sw.js', 'dist/node/faceshape.js', 'dist/faceshape.d.ts', 'bin/faceshape.mjs', 'LICENSE']) {
    expect(files).toContain(entry);
  }
  const pkg = join(app, 'node_modules', 'faceshape');
  for (const map of files.filter((f) => f.endsWith('.map'))) {
    const { sources, sourcesContent = [] } = JSON.parse(readFileSync(join(pkg, map), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
    const shipped = sources.filter((source, i) => source.includes('node_modules/') && (sourcesContent[i] ?? '').split('\n').length > 2);
    expect(shipped, map).toEqual([]);
  }
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { private?: boolean; dependencies: Record<string, string> };
  expect(manifest.private).toBeUndefined();
  expect(Object.keys(manifest.dependencies).sort()).toEqual(['@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-core']);
});

for (const route of ['/', '/users/42/']) {
  test(`Vite production build, at ${route}`, async ({ page }) => {
    const host = await staticHost(await (builds.vite ??= viteBuild(app)));
    try {
      expectWorks(await openApp(page, host.url + route), await expectedBackend(page));
    } finally {
      await host.close();
    }
  });

  test(`webpack 5 production build, at ${route}`, async ({ page }) => {
    const host = await staticHost(await (builds.webpack ??= webpackBuild(app)));
    try {
      expectWorks(await openApp(page, host.url + route), await expectedBackend(page));
    } finally {
      await host.close();
    }
  });
}

test('Vite dev server, at / and at /users/42/', async ({ page }) => {
  const server = await viteDev(app);
  try {
    for (const route of ['/', '/users/42/']) expectWorks(await openApp(page, server.url + route), await expectedBackend(page));
  } finally {
    await server.close();
  }
});

test('plain Node: import { createFaceAnalyzer } from "faceshape" analyses a photo on wasm', async () => {
  const { stdout } = await run(process.execPath, ['node-app.mjs', 'public/photo.jpg'], { cwd: app });
  expect(JSON.parse(stdout)).toEqual({ backend: 'wasm', width: 512, faces: 1, points: 90 });
});

for (const resolution of ['bundler', 'node16', 'nodenext']) {
  test(`types pass tsc --strict with moduleResolution ${resolution}`, async () => {
    const module = resolution === 'bundler' ? 'esnext' : resolution;
    const config = {
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', module, moduleResolution: resolution, lib: ['es2022', 'dom'], types: [] },
      files: ['types-check.ts'],
    };
    writeFileSync(join(app, `tsconfig.${resolution}.json`), JSON.stringify(config));
    const tsc = join(process.cwd(), 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: app }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe('');
  });
}
