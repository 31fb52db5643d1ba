/**
 * MediaPipe's own web solution, @mediapipe/face_mesh: its wasm and model data are served from
 * this page's origin (copied into mediapipe/ by the bench build).
 */
import type { FaceMesh as FaceMeshClass, Options, Results } from '@mediapipe/face_mesh';
import type { Engine } from './engine';

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}

export async function loadMediapipe(): Promise<Engine> {
  const base = new URL('mediapipe/', location.href);
  await loadScript(new URL('face_mesh.js', base).href);
  const FaceMesh = (globalThis as { FaceMesh?: typeof FaceMeshClass }).FaceMesh!;
  const mesh = new FaceMesh({ locateFile: (file) => new URL(file, base).href });
  let pending: ((r: Results) => void) | undefined;
  mesh.onResults((r) => pending?.(r));
  let current = '';
  /** A still photo (`still`): forget the previous faces first, so it detects afresh. */
  const run = async (image: HTMLImageElement | HTMLCanvasElement, options: Options, still: boolean): Promise<Results> => {
    // Changing options rebuilds its graph: only do it when the job changes.
    const key = JSON.stringify(options);
    if (key !== current) {
      mesh.setOptions(options);
      current = key;
    }
    if (still) mesh.reset();
    const result = new Promise<Results>((resolve) => (pending = resolve));
    await mesh.send({ image });
    return result;
  };
  await mesh.initialize();
  return {
    backend: 'wasm (its own)',
    photo: async (image) => (await run(image, { refineLandmarks: true, maxNumFaces: 1 }, true)).multiFaceLandmarks?.length ?? 0,
    group: async (image) => (await run(image, { refineLandmarks: true, maxNumFaces: 10 }, true)).multiFaceLandmarks?.length ?? 0,
    frame: async (frame) => {
      const r = await run(frame, { refineLandmarks: true, maxNumFaces: 1 }, false);
      return (r.multiFaceLandmarks ?? []).map((face) => face.map((p) => ({ x: p.x * frame.width, y: p.y * frame.height })));
    },
    tensors: () => null,
    close: () => void mesh.close(),
  };
}
