// The app a new user writes: install faceshape, import it, analyse one photo on the page's
// thread and one in the worker. Its outcome goes on window.faceshapeResult for the test.
import { createFaceAnalyzer, createWorkerAnalyzer } from 'faceshape';

async function run(create) {
  const analyzer = await create();
  try {
    const res = await analyzer.analyze({ image_url: '/photo.jpg', mode: 1 });
    const face = res.face_shape_set[0];
    return { backend: analyzer.backend, width: res.image_width, faces: res.face_shape_set.length, points: face ? Object.values(face).flat().length : 0 };
  } finally {
    analyzer.close();
  }
}

async function main() {
  const errors = [];
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => {
    warnings.push(args.join(' '));
    warn(...args);
  };
  const outcome = {};
  for (const [name, create] of [['page', createFaceAnalyzer], ['worker', createWorkerAnalyzer]]) {
    try {
      outcome[name] = await run(create);
    } catch (e) {
      errors.push(`${name}: ${e?.code ?? ''} ${e?.message ?? e}`);
    }
  }
  window.faceshapeResult = { ...outcome, errors, warnings };
}

main();
