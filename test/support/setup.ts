// face-landmarks-detection's CommonJS entry and some tfjs paths read `navigator` at import.
if (typeof globalThis.navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'node', hardwareConcurrency: 2 }, configurable: true });
}
