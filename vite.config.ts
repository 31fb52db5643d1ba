/**
 * The demo site (index.html and what it loads). The page imports /faceshape.js like any other
 * app would, so the module is external here and built by vite.lib.config.ts; in dev the same
 * path is served from the sources, models/ from the repo and wasm/ from the tfjs package.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** In dev, /wasm/<file>.wasm is the tfjs wasm binary, as the build puts it next to faceshape.js. */
function devWasm(): Plugin {
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  return {
    name: 'faceshape-dev-wasm',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/wasm', (req, res, next) => {
        const file = join(dir, (req.url ?? '').split('?')[0]!.replace(/^\/+/, ''));
        if (!file.startsWith(dir) || !file.endsWith('.wasm') || !existsSync(file)) return next();
        res.setHeader('content-type', 'application/wasm');
        createReadStream(file).pipe(res);
      });
    },
  };
}

export default defineConfig(({ command }) => ({
  define: { __FACESHAPE_ASSET_ROOT__: JSON.stringify(command === 'serve' ? '../../' : './') },
  plugins: [devWasm()],
  resolve: {
    alias: command === 'serve' ? [{ find: '/faceshape.js', replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] : [],
  },
  build: {
    outDir: process.env.FACESHAPE_DIST ?? 'dist',
    emptyOutDir: false,
    target: 'es2022',
    rollupOptions: { external: ['/faceshape.js'] },
  },
  // The demo's inference worker is a module worker that imports /faceshape.js like the page.
  worker: { format: 'es', rollupOptions: { external: ['/faceshape.js'] } },
  preview: { port: 4173, strictPort: false },
}));
