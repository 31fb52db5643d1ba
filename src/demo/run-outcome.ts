/** Runs one analyzer call and turns its result or refusal into an Outcome. */
import { FaceAnalyzeError, type AnalyzeResponse } from '/faceshape.js';
import type { Outcome } from './engine-protocol';

export async function runOutcome(call: () => Promise<AnalyzeResponse>): Promise<Outcome> {
  const start = performance.now();
  try {
    const response = await call();
    return { ok: true, response, ms: performance.now() - start };
  } catch (e) {
    // The module promises FaceAnalyzeError for every failure; anything else is shown as the
    // internal_error it should have been, with its own message kept.
    const error = e instanceof FaceAnalyzeError ? e : new FaceAnalyzeError('internal_error', `Unexpected failure: ${String((e as Error)?.message ?? e)}`);
    if (!(e instanceof FaceAnalyzeError)) console.error('faceshape threw a non-FaceAnalyzeError', e);
    return { ok: false, error: error.toJSON(), ms: performance.now() - start };
  }
}
