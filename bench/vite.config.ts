/**
 * Builds the benchmark page into <dist>/bench/, next to the built faceshape.js, models/ and
 * wasm/ it measures. The page imports /faceshape.js by URL as any app would; the engines it
 * compares against (face-landmarks-detection, @mediapipe/face_mesh) and the test photos are
 * bundled or copied here, so the whole run is served from one origin with no network.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { PHOTOS } from './photos';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const mediapipeDir = dirname(require.resolve('@mediapipe/face_mesh/face_mesh.js'));
const faceApiModels = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
/** face-api's weights the crowd comparison loads (bench/engines/faceapi.ts). */
const FACE_API_MODELS = ['ssd_mobilenetv1_model', 'tiny_face_detector_model', 'face_landmark_68_model'];
const outDir = resolve(here, '..', process.env.FACESHAPE_DIST ?? 'dist', 'bench');

function copyAssets(): Plugin {
  return {
    name: 'bench-assets',
    writeBundle() {
      mkdirSync(join(outDir, 'mediapipe'), { recursive: true });
      for (const f of readdirSync(mediapipeDir)) if (!/\.(md|json|ts)$/.test(f)) cpSync(join(mediapipeDir, f), join(outDir, 'mediapipe', f));
      mkdirSync(join(outDir, 'faceapi-models'), { recursive: true });
      for (const m of FACE_API_MODELS) for (const f of [`${m}-weights_manifest.json`, `${m}.bin`]) cpSync(join(faceApiModels, f), join(outDir, 'faceapi-models', f));
      mkdirSync(join(outDir, 'photos'), { recursive: true });
      for (const f of Object.values(PHOTOS)) cpSync(join(here, '..', 'test', 'fixtures', 'faces', f), join(outDir, 'photos', f));
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [copyAssets()],
  resolve: {
    // face-landmarks-detection imports @mediapipe/face_mesh at load even for its tfjs runtime;
    // that package is a global script, loaded by <script> only where the page runs it.
    alias: [{ find: /^@mediapipe\/face_mesh$/, replacement: join(here, 'mediapipe-global.ts') }],
  },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // face-landmarks-detection with its own copy of TF.js: one large chunk, loaded only by its runs.
    chunkSizeWarningLimit: 2048,
    rollupOptions: { external: ['/faceshape.js'] },
  },
});
