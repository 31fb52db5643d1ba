/**
 * Builds the faceshape command for Node: dist/node/cli.js, started by bin/faceshape.mjs. It
 * reads the models from dist/models/ (next to the browser module); TensorFlow.js comes from the
 * package's dependencies, and the pure-JavaScript image decoders are bundled in.
 */
import { defineConfig } from 'vite';

const dist = process.env.FACESHAPE_DIST ?? 'dist';

export default defineConfig({
  define: { __FACESHAPE_ASSET_ROOT__: JSON.stringify('../') },
  publicDir: false,
  ssr: { noExternal: ['jpeg-js', 'pngjs'] },
  build: {
    ssr: 'src/node/cli.ts',
    outDir: `${dist}/node`,
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: 'cli.js', format: 'es' } },
  },
});
