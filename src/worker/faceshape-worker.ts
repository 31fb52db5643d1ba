/**
 * The module worker that createWorkerAnalyzer() starts by default: the engine, answering the
 * page's calls. The library build ships it as faceshape-worker.js.
 */
import '../runtime/register-webgl';
import { serveAnalyzerWorker, type AnalyzerWorkerScope } from './host';

serveAnalyzerWorker(self as unknown as AnalyzerWorkerScope);
