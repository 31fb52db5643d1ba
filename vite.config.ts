/**
 * The demo site (index.html and what it loads). The page imports /faceshape.js like any other
 * app would, so the module is external here and built by vite.lib.config.ts; in dev the same
 * path is served from the sources.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  define: { __FACESHAPE_ASSET_ROOT__: JSON.stringify(command === 'serve' ? '../' : './') },
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
