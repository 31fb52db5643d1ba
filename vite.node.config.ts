/**
 * Builds faceshape for Node into dist/node/: faceshape.js (the package's `node` export) and
 * cli.js (the faceshape command, started by bin/faceshape.mjs). They read the models from
 * dist/models/, next to the browser module. TF.js's core and its cpu and wasm backends come
 * from the package's dependencies (Node has no WebGL: only the browser entries register it);
 * the pure-JavaScript image decoders are bundled in.
 */
import { defineConfig } from 'vite';
import { assetPaths } from './build/asset-paths.ts';
import { leanMaps } from './build/lean-maps.ts';

const dist = process.env.FACESHAPE_DIST ?? 'dist';

export default defineConfig({
  publicDir: false,
  plugins: [assetPaths({ models: '../models/', wasm: '../wasm/', worker: '../faceshape-worker.js' }), leanMaps()],
  ssr: { noExternal: ['jpeg-js', 'pngjs'] },
  build: {
    ssr: true,
    outDir: `${dist}/node`,
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { faceshape: 'src/node/index.ts', cli: 'src/node/cli.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: 'faceshape-[name]-[hash].js', format: 'es' },
    },
  },
});
