import { createFaceAnalyzer } from '/faceshape.js';

const status = document.querySelector('[data-testid=status]')!;
createFaceAnalyzer().then((a) => (status.textContent = `ready (${a.backend})`));
