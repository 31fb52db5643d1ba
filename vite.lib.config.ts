/**
 * Builds the ES module dist/faceshape.js, with the models and the tfjs wasm binaries next to
 * it (dist/models/, dist/wasm/), where the module finds them on its own, the service worker
 * dist/faceshape-sw.js and the analyzer worker dist/faceshape-worker.js.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));

// The ready-made service worker: a module next to faceshape.js that imports it, so the engine is
// not shipped twice and finds models/ and wasm/ as the page does. The logic is serveFaceAnalyze().
const SERVICE_WORKER = `import { serveFaceAnalyze } from './faceshape.js';\nserveFaceAnalyze(self, { claimClients: true });\n`;
// The same for createWorkerAnalyzer(): a module worker whose logic is serveAnalyzerWorker().
const ANALYZER_WORKER = `import { serveAnalyzerWorker } from './faceshape.js';\nserveAnalyzerWorker(self);\n`;

function copyAssets(): Plugin {
  return {
    name: 'faceshape-assets',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'faceshape-sw.js', source: SERVICE_WORKER });
      this.emitFile({ type: 'asset', fileName: 'faceshape-worker.js', source: ANALYZER_WORKER });
    },
    writeBundle(options) {
      const out = options.dir ?? 'dist';
      mkdirSync(join(out, 'models'), { recursive: true });
      for (const f of readdirSync('models')) if (/\.(json|bin)$/.test(f)) cpSync(join('models', f), join(out, 'models', f));
      mkdirSync(join(out, 'wasm'), { recursive: true });
      for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) cpSync(join(wasmDir, f), join(out, 'wasm', f));
    },
  };
}

export default defineConfig({
  define: { __FACESHAPE_ASSET_ROOT__: JSON.stringify('./') },
  plugins: [copyAssets()],
  build: {
    outDir: process.env.FACESHAPE_DIST ?? 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'faceshape.js' },
    rollupOptions: { output: { codeSplitting: false } },
  },
});
