/**
 * Registers TF.js's WebGL backend. Imported by the browser entries only (the module, its
 * worker, the service worker): Node has no WebGL, and its build would otherwise carry the
 * backend and its ESM-only imports.
 */
import '@tensorflow/tfjs-backend-webgl';
