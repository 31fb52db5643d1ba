/**
 * End-to-end tests in Chromium on the built site (dist/, served by `vite preview`).
 * Debian's Chromium is used where installed (machines that cannot download Playwright's
 * own browser); elsewhere `npx playwright install chromium` provides one.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
// FACESHAPE_DIST and PW_PORT let several checkouts or agents test side by side.
const PORT = Number(process.env.PW_PORT ?? 4173);
const DIST = process.env.FACESHAPE_DIST ?? 'dist';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Software WebGL, so the WebGL backend can start on machines without a GPU.
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: `test-results/artifacts`,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    launchOptions: { executablePath: systemChromium, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}/faceshape.js`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
