/**
 * Builds the browser library into dist/: faceshape.js (the module), faceshape-worker.js (the
 * worker createWorkerAnalyzer() starts), faceshape-sw.js (the ready-made service worker), the
 * chunks they share, and next to them models/ and wasm/, named file by file in the code so that
 * an app's bundler (Vite, webpack, Rollup) copies them into its own build.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vite';
import { assetPaths } from './build/asset-paths.ts';
import { leanMaps } from './build/lean-maps.ts';

const require = createRequire(import.meta.url);
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
const out = process.env.FACESHAPE_DIST ?? 'dist';

export default defineConfig({
  publicDir: false,
  // TF.js's wasm loader reads `__filename` behind `typeof __filename`: webpack answers that
  // typeof for ES modules but leaves the name itself, which then throws in the page. This
  // bundle never runs in Node (that is dist/node/), so the name is simply undefined here.
  define: { __filename: 'undefined' },
  plugins: [
    assetPaths({ models: './models/', wasm: './wasm/', worker: './faceshape-worker.js' }),
    leanMaps(),
    {
      name: 'faceshape-files',
      writeBundle() {
        mkdirSync(join(out, 'models'), { recursive: true });
        // The checksums are bundled into the code; the README carries the models' licences.
        for (const f of readdirSync('models')) if (/\.(json|bin)$|^README\.md$/.test(f) && f !== 'manifest.json') cpSync(join('models', f), join(out, 'models', f));
        mkdirSync(join(out, 'wasm'), { recursive: true });
        for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) cpSync(join(wasmDir, f), join(out, 'wasm', f));
      },
    },
  ],
  build: {
    outDir: out,
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: { faceshape: 'src/index.ts', 'faceshape-worker': 'src/worker/faceshape-worker.ts', 'faceshape-sw': 'src/shim/faceshape-sw.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: { output: { chunkFileNames: 'faceshape-[name]-[hash].js' } },
  },
});
