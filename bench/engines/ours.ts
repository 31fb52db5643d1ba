/** faceshape as a page uses it: the built module, imported by URL. */
import type { FaceAnalyzer } from '/faceshape.js';
import type { Engine, TfBackend } from './engine';

/** The bench's jobs done by a faceshape analyzer, wherever its engine runs. */
export function analyzerEngine(analyzer: FaceAnalyzer): Engine {
  return {
    backend: analyzer.backend,
    // The same job as raw's single-face detector: only the largest face (mode 1).
    photo: async (image) => (await analyzer.analyze({ image, mode: 1 })).face_shape_set.length,
    group: async (image) => (await analyzer.analyze({ image })).face_shape_set.length,
    frame: async (frame) => (await analyzer.track(frame, { mode: 1 })).face_shape_set.map((face) => Object.values(face).flat()),
    track: async (frame, options) => (await analyzer.track(frame, { mode: 1, ...options })).face_shape_set,
    resetTracking: () => analyzer.resetTracking(),
    tensors: () => analyzer.stats().numTensors,
    close: () => analyzer.close(),
  };
}

export async function loadOurs(backend: TfBackend): Promise<Engine> {
  const { createFaceAnalyzer } = await import('/faceshape.js');
  return analyzerEngine(await createFaceAnalyzer({ backend }));
}
