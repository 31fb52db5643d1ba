/** faceshape as a page uses it: the built module, imported by URL. */
import type { Engine, TfBackend } from './engine';

export async function loadOurs(backend: TfBackend): Promise<Engine> {
  const { createFaceAnalyzer } = await import('/faceshape.js');
  const analyzer = await createFaceAnalyzer({ backend });
  return {
    backend: analyzer.backend,
    photo: async (image) => (await analyzer.analyze({ image })).face_shape_set.length,
    group: async (image) => (await analyzer.analyze({ image })).face_shape_set.length,
    frame: async (frame) => (await analyzer.track(frame)).face_shape_set.map((face) => Object.values(face).flat()),
    tensors: () => analyzer.stats().numTensors,
    close: () => analyzer.close(),
  };
}
