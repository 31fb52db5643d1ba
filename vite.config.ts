/**
 * The demo site (index.html and what it loads). The page imports /faceshape.js like any other
 * app would, so the module is external here and built by vite.lib.config.ts; in dev the same
 * path is served from the sources, which name their models and wasm files where the dev
 * server finds them (models/ and the tfjs package in node_modules/).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  resolve: {
    alias: command === 'serve' ? [{ find: '/faceshape.js', replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] : [],
  },
  build: {
    outDir: process.env.FACESHAPE_DIST ?? 'dist',
    emptyOutDir: false,
    target: 'es2022',
    rollupOptions: { external: ['/faceshape.js'] },
  },
  preview: { port: 4173, strictPort: false },
}));
