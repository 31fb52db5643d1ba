/** faceshape with its engine in a module worker (createWorkerAnalyzer): the page only posts and draws. */
import type { Engine, TfBackend } from './engine';
import { analyzerEngine } from './ours';

export async function loadWorker(backend: TfBackend): Promise<Engine> {
  const { createWorkerAnalyzer } = await import('/faceshape.js');
  return analyzerEngine(await createWorkerAnalyzer({ backend }));
}
